using PanguGraph.Domain.Processing.Catalogue;
using PanguGraph.Domain.Processing.Pipelines;

namespace PanguGraph.Domain.Processing.Tasks;

/// <summary>
/// How a pipeline runs in stages so that deduplication is global. Each deduplication step ends a
/// stage: shards compute signatures, then one merge finds the duplicates of the whole dataset, and
/// the next stage starts by removing them. Stage k applies the decision of the deduplicator that
/// ended stage k − 1 (when k > 0), then runs the record steps up to the next deduplicator.
/// </summary>
public sealed record StagePlan(IReadOnlyList<int> DeduplicatorSteps, int StepCount)
{
    public int StageCount => DeduplicatorSteps.Count + 1;

    public static StagePlan For(IReadOnlyList<PipelineStep> steps) => new(
        steps.Select((step, index) => (step, index))
            .Where(pair => OperatorCatalogue.Find(pair.step.OperatorId)?.Kind == OperatorKind.Deduplicator)
            .Select(pair => pair.index)
            .ToList(),
        steps.Count);

    /// <summary>The deduplication step whose decision stage <paramref name="stage"/> applies first, if any.</summary>
    public int? AppliedDeduplicator(int stage) => stage == 0 ? null : DeduplicatorSteps[stage - 1];

    /// <summary>The deduplication step whose signatures stage <paramref name="stage"/> computes at its end, if any.</summary>
    public int? SignedDeduplicator(int stage) => stage < DeduplicatorSteps.Count ? DeduplicatorSteps[stage] : null;

    /// <summary>Indexes of the record (non-deduplicating) steps that stage <paramref name="stage"/> runs, in order.</summary>
    public IReadOnlyList<int> RecordSteps(int stage)
    {
        var start = AppliedDeduplicator(stage) is { } applied ? applied + 1 : 0;
        var end = SignedDeduplicator(stage) ?? StepCount;
        return Enumerable.Range(start, Math.Max(0, end - start)).ToList();
    }
}

public static class ProcessingLimits
{
    public const int MaxSampleTextLength = 500;

    /// <summary>Samples kept per step and shard; the task keeps the first ones of all shards.</summary>
    public const int SamplesPerStepAndShard = 3;

    public const int SamplesPerStep = 10;

    /// <summary>
    /// Raw input bytes a shard may hold per GB of executorMemory. Parsed JSON and the copies that
    /// mappers make take many times the raw size, so this leaves headroom within the budget.
    /// </summary>
    public const long ShardBytesPerGigabyte = 16L * 1024 * 1024;
}

/// <summary>
/// Splits a dataset's objects into shards. A shard never spans two record objects, contains at most
/// <c>maxRecordsPerShard</c> records, and contains at most executorMemory × 16 MiB of raw input,
/// estimated from the object's average record size.
/// </summary>
public static class ShardPlanning
{
    public sealed record ObjectSize(long RecordCount, long Bytes);

    public static IReadOnlyList<ShardSpec> Plan(IReadOnlyList<ObjectSize> objects, bool mediaFiles, PipelineResources resources, long maxRecordsPerShard)
    {
        var maxBytes = MaxShardBytes(resources);
        var shards = new List<ShardSpec>();
        if (mediaFiles)
        {
            var start = 0;
            while (start < objects.Count)
            {
                long bytes = 0;
                var end = start;
                while (end < objects.Count && end - start < maxRecordsPerShard && (end == start || bytes + objects[end].Bytes <= maxBytes))
                {
                    bytes += objects[end].Bytes;
                    end++;
                }

                shards.Add(new ShardSpec(shards.Count, start, 0, end - start, bytes));
                start = end;
            }

            return shards;
        }

        for (var objectIndex = 0; objectIndex < objects.Count; objectIndex++)
        {
            var item = objects[objectIndex];
            if (item.RecordCount == 0)
            {
                continue;
            }

            var averageBytes = Math.Max(1, item.Bytes / item.RecordCount);
            var perShard = Math.Max(1, Math.Min(maxRecordsPerShard, maxBytes / averageBytes));
            for (long skip = 0; skip < item.RecordCount; skip += perShard)
            {
                var take = Math.Min(perShard, item.RecordCount - skip);
                shards.Add(new ShardSpec(shards.Count, objectIndex, skip, take, take * averageBytes));
            }
        }

        return shards;
    }

    public static long MaxShardBytes(PipelineResources resources) => resources.ExecutorMemory * ProcessingLimits.ShardBytesPerGigabyte;
}
