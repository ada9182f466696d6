namespace PanguGraph.Compute.Processing.Operators.Deduplication;

/// <summary>
/// Phase 2 shared by every deduplicator. Records are visited in (shard, index) order. A record is a
/// duplicate when a record kept before it shares a bucket key and <c>similarity</c> of the two
/// sketches returns a value (the confirmed similarity); otherwise it is kept and joins its buckets.
/// Comparing only with kept records stops chains (A≈B≈C with A and C far apart) from removing C.
/// NOTE: all signatures are held in memory, about 40 bytes plus the sketch per record; datasets
/// beyond tens of millions of records need the buckets sorted on disk instead.
/// </summary>
public static class DuplicateResolver
{
    public static DuplicateDecision Resolve(
        string operatorId,
        IEnumerable<ShardSignatures> shards,
        Func<RecordSignature, RecordSignature, double?> similarity)
    {
        var ordered = new List<RecordSignature>();
        foreach (var shard in shards)
        {
            if (shard.OperatorId != operatorId)
            {
                throw new ArgumentException($"Signatures of shard {shard.Shard} were made by '{shard.OperatorId}', not by '{operatorId}'.", nameof(shards));
            }

            ordered.AddRange(shard.Signatures);
        }

        ordered.Sort((left, right) => left.Shard != right.Shard ? left.Shard.CompareTo(right.Shard) : left.Index.CompareTo(right.Index));

        var buckets = new Dictionary<ulong, List<RecordSignature>>();
        var duplicates = new List<DuplicateMatch>();
        var candidatePairs = 0;
        var seen = new HashSet<RecordSignature>(ReferenceEqualityComparer.Instance);
        foreach (var signature in ordered)
        {
            var match = FindOriginal(signature, buckets, similarity, seen, ref candidatePairs);
            if (match is { } found)
            {
                duplicates.Add(new DuplicateMatch(signature.Shard, signature.Index, signature.RecordId,
                    found.Original.Shard, found.Original.Index, found.Original.RecordId, found.Similarity));
                continue;
            }

            foreach (var key in signature.BucketKeys.Distinct())
            {
                if (!buckets.TryGetValue(key, out var members))
                {
                    members = [];
                    buckets[key] = members;
                }

                members.Add(signature);
            }
        }

        return new DuplicateDecision(operatorId, duplicates, candidatePairs);
    }

    private static (RecordSignature Original, double Similarity)? FindOriginal(
        RecordSignature signature,
        Dictionary<ulong, List<RecordSignature>> buckets,
        Func<RecordSignature, RecordSignature, double?> similarity,
        HashSet<RecordSignature> seen,
        ref int candidatePairs)
    {
        seen.Clear();
        (RecordSignature Original, double Similarity)? best = null;
        foreach (var key in signature.BucketKeys)
        {
            if (!buckets.TryGetValue(key, out var members))
            {
                continue;
            }

            foreach (var candidate in members)
            {
                if (!seen.Add(candidate))
                {
                    continue;
                }

                candidatePairs++;
                if (similarity(candidate, signature) is { } value && IsEarlier(candidate, best?.Original))
                {
                    best = (candidate, value);
                }
            }
        }

        return best;
    }

    private static bool IsEarlier(RecordSignature candidate, RecordSignature? current) =>
        current is null
        || candidate.Shard < current.Shard
        || (candidate.Shard == current.Shard && candidate.Index < current.Index);
}
