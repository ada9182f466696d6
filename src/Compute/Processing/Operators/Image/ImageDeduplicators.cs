using System.IO.Hashing;
using System.Numerics;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Deduplication;
using PanguGraph.Domain.Processing.Catalogue;
using SkiaSharp;

namespace PanguGraph.Compute.Processing.Operators.Image;

/// <summary>Exact image deduplication: the 128-bit xxHash3 of the file bytes must match.</summary>
public sealed class ExactImageDeduplicator : IDeduplicator
{
    public string OperatorId => OperatorIds.ImageExactDeduplicator;

    public ShardSignatures ComputeSignatures(int shard, IReadOnlyList<DataRecord> records)
    {
        var signatures = new List<RecordSignature>();
        var unsigned = new List<UnsignedRecord>();
        for (var index = 0; index < records.Count; index++)
        {
            var record = records[index];
            if (record.Content is not { Length: > 0 } content)
            {
                unsigned.Add(new UnsignedRecord(shard, index, record.Id, OutcomeCodes.ImageContentMissing, "Record carries no image bytes."));
                continue;
            }

            var hash = XxHash128.HashToUInt128(content);
            signatures.Add(new RecordSignature(shard, index, record.Id, [(ulong)hash], [(ulong)hash, (ulong)(hash >> 64)]));
        }

        return new ShardSignatures(OperatorId, shard, signatures, unsigned);
    }

    public DuplicateDecision FindDuplicates(IEnumerable<ShardSignatures> shards) =>
        DuplicateResolver.Resolve(OperatorId, shards, (kept, candidate) => kept.Sketch.AsSpan().SequenceEqual(candidate.Sketch) ? 1.0 : null);
}

/// <summary>
/// Near-duplicate images by a 64-bit difference hash (dHash): the image is scaled to 9×8 grey
/// pixels and each bit records whether a pixel is brighter than its right neighbour. Two images are
/// duplicates when their hashes differ in at most <c>maxHammingDistance</c> bits. To find
/// candidates without comparing all pairs, the hash is cut into maxHammingDistance + 1 segments:
/// by the pigeonhole principle two hashes that close agree exactly on at least one segment, so
/// each segment is a bucket key. Similarity is reported as 1 − distance / 64.
/// </summary>
public sealed class PerceptualImageDeduplicator : IDeduplicator
{
    private readonly int _maxHammingDistance;

    public PerceptualImageDeduplicator(int maxHammingDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxHammingDistance);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxHammingDistance, 63);
        _maxHammingDistance = maxHammingDistance;
    }

    public string OperatorId => OperatorIds.ImagePerceptualDeduplicator;

    public ShardSignatures ComputeSignatures(int shard, IReadOnlyList<DataRecord> records)
    {
        var signatures = new List<RecordSignature>();
        var unsigned = new List<UnsignedRecord>();
        for (var index = 0; index < records.Count; index++)
        {
            var record = records[index];
            if (record.Content is not { Length: > 0 } content)
            {
                unsigned.Add(new UnsignedRecord(shard, index, record.Id, OutcomeCodes.ImageContentMissing, "Record carries no image bytes."));
                continue;
            }

            var hash = DifferenceHash(content);
            if (hash is null)
            {
                unsigned.Add(new UnsignedRecord(shard, index, record.Id, OutcomeCodes.ImageUndecodable, "The image could not be decoded."));
                continue;
            }

            signatures.Add(new RecordSignature(shard, index, record.Id, SegmentKeys(hash.Value), [hash.Value]));
        }

        return new ShardSignatures(OperatorId, shard, signatures, unsigned);
    }

    public DuplicateDecision FindDuplicates(IEnumerable<ShardSignatures> shards) =>
        DuplicateResolver.Resolve(OperatorId, shards, (kept, candidate) =>
        {
            var distance = BitOperations.PopCount(kept.Sketch[0] ^ candidate.Sketch[0]);
            return distance <= _maxHammingDistance ? 1 - (distance / 64.0) : null;
        });

    /// <summary>Computes the dHash of an encoded image, or null when it does not decode.</summary>
    public static ulong? DifferenceHash(byte[] content)
    {
        // SKBitmap.Decode throws on bytes no codec recognises, so probe with a codec first.
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        using var original = SKBitmap.Decode(codec);
        if (original is null)
        {
            return null;
        }

        var info = new SKImageInfo(9, 8, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var small = original.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        if (small is null)
        {
            return null;
        }

        ulong hash = 0;
        var bit = 0;
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                if (Luminance(small.GetPixel(x, y)) > Luminance(small.GetPixel(x + 1, y)))
                {
                    hash |= 1UL << bit;
                }

                bit++;
            }
        }

        return hash;
    }

    private static double Luminance(SKColor color) => (0.299 * color.Red) + (0.587 * color.Green) + (0.114 * color.Blue);

    private ulong[] SegmentKeys(ulong hash)
    {
        var segments = _maxHammingDistance + 1;
        var keys = new ulong[segments];
        var start = 0;
        for (var segment = 0; segment < segments; segment++)
        {
            // Spread the 64 bits as evenly as possible; the first 64 % segments segments get one extra bit.
            var width = (64 / segments) + (segment < 64 % segments ? 1 : 0);
            var mask = width == 64 ? ulong.MaxValue : ((1UL << width) - 1) << start;
            var value = hash & mask;
            keys[segment] = XxHash3.HashToUInt64(BitConverter.GetBytes(value), seed: segment);
            start += width;
        }

        return keys;
    }
}
