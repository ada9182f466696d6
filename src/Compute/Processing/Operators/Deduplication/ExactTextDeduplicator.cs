using System.Globalization;
using System.IO.Hashing;
using System.Text;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Deduplication;

/// <summary>
/// Exact deduplication on a normalised form of the text (NFKC, then optionally lower case, no
/// whitespace, no punctuation), hashed with 128-bit xxHash3. The low 64 bits are the bucket key
/// and the full 128 bits must match, which makes an accidental collision negligible.
/// </summary>
public sealed class ExactTextDeduplicator(string textField, bool ignoreCase, bool ignoreWhitespace, bool ignorePunctuation) : IDeduplicator
{
    public string OperatorId => OperatorIds.ExactDeduplicator;

    public ShardSignatures ComputeSignatures(int shard, IReadOnlyList<DataRecord> records)
    {
        var signatures = new List<RecordSignature>(records.Count);
        var unsigned = new List<UnsignedRecord>();
        for (var index = 0; index < records.Count; index++)
        {
            var text = TextFieldReader.Read(shard, index, records[index], textField, unsigned);
            if (text is null)
            {
                continue;
            }

            var hash = XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(Normalise(text)));
            var low = (ulong)hash;
            var high = (ulong)(hash >> 64);
            signatures.Add(new RecordSignature(shard, index, records[index].Id, [low], [low, high]));
        }

        return new ShardSignatures(OperatorId, shard, signatures, unsigned);
    }

    public DuplicateDecision FindDuplicates(IEnumerable<ShardSignatures> shards) =>
        DuplicateResolver.Resolve(OperatorId, shards, (kept, candidate) => kept.Sketch.AsSpan().SequenceEqual(candidate.Sketch) ? 1.0 : null);

    public string Normalise(string text)
    {
        var normalised = text.Normalize(NormalizationForm.FormKC);
        if (ignoreCase)
        {
            normalised = normalised.ToLowerInvariant();
        }

        var builder = new StringBuilder(normalised.Length);
        foreach (var rune in normalised.EnumerateRunes())
        {
            if (ignoreWhitespace && Rune.IsWhiteSpace(rune))
            {
                continue;
            }

            if (ignorePunctuation && IsPunctuation(rune))
            {
                continue;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    private static bool IsPunctuation(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
        or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
        or UnicodeCategory.OtherPunctuation;
}
