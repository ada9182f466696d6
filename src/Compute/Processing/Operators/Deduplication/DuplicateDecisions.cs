using System.Text.Json.Nodes;
using PanguGraph.Compute.Processing.Operators.Contracts;

namespace PanguGraph.Compute.Processing.Operators.Deduplication;

public static class DuplicateDecisions
{
    private static readonly IReadOnlyDictionary<string, JsonNode?> NoTags = new Dictionary<string, JsonNode?>();

    /// <summary>
    /// Phase 3: removes the duplicates of one shard. Records that phase 1 could not sign pass
    /// through as unprocessable with their reason.
    /// </summary>
    public static BatchResult Apply(this DuplicateDecision decision, ShardSignatures signatures, IReadOnlyList<DataRecord> records)
    {
        var duplicates = decision.ForShard(signatures.Shard).ToDictionary(match => match.Index);
        var unsigned = signatures.Unsigned.ToDictionary(record => record.Index);
        var outcomes = new List<RecordOutcome>(records.Count);
        for (var index = 0; index < records.Count; index++)
        {
            var record = records[index];
            if (duplicates.TryGetValue(index, out var match))
            {
                var detail = $"duplicate of record '{match.OriginalRecordId}' (shard {match.OriginalShard}, index {match.OriginalIndex}), similarity {match.Similarity:0.###}";
                outcomes.Add(new RecordOutcome(record.Id, RecordDisposition.Removed, new OutcomeReason(OutcomeCodes.Duplicate, detail), null, NoTags, null));
            }
            else if (unsigned.TryGetValue(index, out var problem))
            {
                outcomes.Add(new RecordOutcome(record.Id, RecordDisposition.Unprocessable, new OutcomeReason(problem.Code, problem.Detail), null, NoTags, record));
            }
            else
            {
                outcomes.Add(new RecordOutcome(record.Id, RecordDisposition.Kept, null, null, NoTags, record));
            }
        }

        return new BatchResult(outcomes);
    }

    /// <summary>Runs all three phases over one batch, treating it as the whole dataset (shard 0).</summary>
    public static BatchResult DeduplicateSingleBatch(this IDeduplicator deduplicator, IReadOnlyList<DataRecord> records)
    {
        var signatures = deduplicator.ComputeSignatures(0, records);
        return deduplicator.FindDuplicates([signatures]).Apply(signatures, records);
    }
}
