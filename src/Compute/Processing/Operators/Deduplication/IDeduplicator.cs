using PanguGraph.Compute.Processing.Operators.Contracts;

namespace PanguGraph.Compute.Processing.Operators.Deduplication;

/// <summary>
/// A deduplicator in two phases so that duplicates are found across the whole dataset:
/// phase 1 (<see cref="ComputeSignatures"/>) runs per shard, anywhere; phase 2
/// (<see cref="FindDuplicates"/>) merges the signatures of all shards and keeps, of each group of
/// duplicates, the record that comes first by shard index and then record index.
/// <see cref="DuplicateDecisions.Apply"/> then drops the duplicates from each shard.
/// </summary>
public interface IDeduplicator
{
    string OperatorId { get; }

    ShardSignatures ComputeSignatures(int shard, IReadOnlyList<DataRecord> records);

    DuplicateDecision FindDuplicates(IEnumerable<ShardSignatures> shards);
}
