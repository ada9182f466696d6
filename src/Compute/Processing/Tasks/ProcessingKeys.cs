namespace PanguGraph.Compute.Processing.Tasks;

/// <summary>
/// Deterministic object keys of a task in the platform bucket, so that a retried job overwrites
/// exactly what an earlier attempt wrote.
/// </summary>
public static class ProcessingKeys
{
    public static string TaskPrefix(Guid spaceId, Guid taskId) => $"spaces/{spaceId:N}/processing/{taskId:N}/";

    public static string OutputPrefix(Guid spaceId, Guid taskId) => TaskPrefix(spaceId, taskId) + "output/";

    public static string OutputPart(Guid spaceId, Guid taskId, int shard) => $"{OutputPrefix(spaceId, taskId)}data/part-{shard:D5}.jsonl";

    public static string StageRecords(Guid spaceId, Guid taskId, int stage, int shard) => $"{TaskPrefix(spaceId, taskId)}work/stage-{stage}/shard-{shard:D5}.jsonl";

    public static string StageSignatures(Guid spaceId, Guid taskId, int stage, int shard) => $"{TaskPrefix(spaceId, taskId)}work/stage-{stage}/shard-{shard:D5}.signatures.json";

    /// <summary>The shard's result, written after its output so that a retry can record it without running again.</summary>
    public static string StageResult(Guid spaceId, Guid taskId, int stage, int shard) => $"{TaskPrefix(spaceId, taskId)}work/stage-{stage}/shard-{shard:D5}.result.json";

    public static string StageDecision(Guid spaceId, Guid taskId, int stage) => $"{TaskPrefix(spaceId, taskId)}work/stage-{stage}/decision.json";
}
