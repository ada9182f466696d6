using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Deduplication;

/// <summary>
/// Near-duplicate removal with MinHash and LSH banding. Each text (NFKC, optionally lower case,
/// whitespace runs collapsed) becomes the set of its character n-grams, each hashed with xxHash3.
/// Permutation i maps a hash x to (a_i·x + b_i) mod (2^61 − 1); the signature keeps the minimum per
/// permutation. The signature splits into <c>bands</c> bands of rows = permutations / bands values,
/// and each band's hash is a bucket key. Records sharing a bucket are candidates, confirmed when the
/// share of equal signature values (the estimated Jaccard similarity) reaches the confirmation bound
/// (see <see cref="ConfirmationBound"/>). With
/// b bands of r rows a pair of Jaccard s becomes a candidate with probability 1 − (1 − s^r)^b.
/// The permutations come from a fixed seed, so every shard and every run computes the same ones.
/// </summary>
public sealed class MinHashDeduplicator : IDeduplicator
{
    private const ulong MersennePrime = (1UL << 61) - 1;
    private const ulong PermutationSeed = 0x5EED_0F_9A_4B_1D_2C_3EUL;

    private readonly string _textField;
    private readonly int _ngramSize;
    private readonly int _bands;
    private readonly int _rows;
    private readonly double _threshold;
    private readonly double _confirmFrom;
    private readonly bool _ignoreCase;
    private readonly ulong[] _multipliers;
    private readonly ulong[] _offsets;

    public MinHashDeduplicator(string textField, int ngramSize, int permutations, int bands, double threshold, bool ignoreCase)
    {
        if (bands <= 0 || permutations % bands != 0)
        {
            throw new ArgumentException($"bands ({bands}) must divide permutations ({permutations}).", nameof(bands));
        }

        _textField = textField;
        _ngramSize = ngramSize;
        _bands = bands;
        _rows = permutations / bands;
        _threshold = threshold;
        _confirmFrom = ConfirmationBound(threshold, permutations);
        _ignoreCase = ignoreCase;
        _multipliers = new ulong[permutations];
        _offsets = new ulong[permutations];
        var state = PermutationSeed;
        for (var i = 0; i < permutations; i++)
        {
            _multipliers[i] = 1 + (NextRandom(ref state) % (MersennePrime - 1));
            _offsets[i] = NextRandom(ref state) % MersennePrime;
        }
    }

    public string OperatorId => OperatorIds.MinHashDeduplicator;

    public ShardSignatures ComputeSignatures(int shard, IReadOnlyList<DataRecord> records)
    {
        var signatures = new List<RecordSignature>(records.Count);
        var unsigned = new List<UnsignedRecord>();
        for (var index = 0; index < records.Count; index++)
        {
            var text = TextFieldReader.Read(shard, index, records[index], _textField, unsigned);
            if (text is null)
            {
                continue;
            }

            var sketch = Sketch(text);
            signatures.Add(new RecordSignature(shard, index, records[index].Id, BandKeys(sketch), sketch));
        }

        return new ShardSignatures(OperatorId, shard, signatures, unsigned);
    }

    public DuplicateDecision FindDuplicates(IEnumerable<ShardSignatures> shards) =>
        DuplicateResolver.Resolve(OperatorId, shards, (kept, candidate) =>
        {
            var similarity = EstimatedJaccard(kept.Sketch, candidate.Sketch);
            return similarity >= _confirmFrom ? similarity : null;
        });

    /// <summary>
    /// The estimate from p permutations has a standard error of sqrt(s(1 − s)/p), so half of the pairs
    /// whose true similarity equals the threshold would be estimated below it. Pairs are confirmed from
    /// 1.645 standard errors below the threshold instead, which finds about 95% of pairs at the
    /// threshold and more of those above it, at the cost of some pairs slightly below it.
    /// </summary>
    public static double ConfirmationBound(double threshold, int permutations) =>
        threshold - 1.645 * Math.Sqrt(threshold * (1 - threshold) / permutations);

    public static double EstimatedJaccard(ulong[] left, ulong[] right)
    {
        var equal = 0;
        for (var i = 0; i < left.Length; i++)
        {
            if (left[i] == right[i])
            {
                equal++;
            }
        }

        return (double)equal / left.Length;
    }

    /// <summary>Computes the MinHash signature of a text; a text without n-grams gets all maximum values.</summary>
    public ulong[] Sketch(string text)
    {
        var sketch = new ulong[_multipliers.Length];
        Array.Fill(sketch, ulong.MaxValue);
        foreach (var shingle in Shingles(text))
        {
            var x = shingle % MersennePrime;
            for (var i = 0; i < sketch.Length; i++)
            {
                var permuted = (ulong)(((UInt128)_multipliers[i] * x + _offsets[i]) % MersennePrime);
                if (permuted < sketch[i])
                {
                    sketch[i] = permuted;
                }
            }
        }

        return sketch;
    }

    private HashSet<ulong> Shingles(string text)
    {
        var normalised = text.Normalize(NormalizationForm.FormKC);
        if (_ignoreCase)
        {
            normalised = normalised.ToLowerInvariant();
        }

        normalised = string.Join(' ', normalised.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var runes = normalised.EnumerateRunes().Select(rune => rune.ToString()).ToArray();
        var shingles = new HashSet<ulong>();
        if (runes.Length == 0)
        {
            return shingles;
        }

        // A text shorter than n is one shingle, so short texts can still match each other.
        var count = Math.Max(1, runes.Length - _ngramSize + 1);
        for (var start = 0; start < count; start++)
        {
            var gram = string.Concat(runes.AsSpan(start, Math.Min(_ngramSize, runes.Length - start)).ToArray());
            shingles.Add(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(gram)));
        }

        return shingles;
    }

    private ulong[] BandKeys(ulong[] sketch)
    {
        var keys = new ulong[_bands];
        for (var band = 0; band < _bands; band++)
        {
            var rows = MemoryMarshal.AsBytes(sketch.AsSpan(band * _rows, _rows));
            keys[band] = XxHash3.HashToUInt64(rows, seed: band);
        }

        return keys;
    }

    // SplitMix64: a small, well-mixed generator, used only to draw the permutation coefficients.
    private static ulong NextRandom(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
