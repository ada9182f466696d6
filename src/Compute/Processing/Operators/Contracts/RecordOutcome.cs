using System.Text.Json.Nodes;

namespace PanguGraph.Compute.Processing.Operators.Contracts;

public enum RecordDisposition
{
    Kept,
    Removed,

    /// <summary>
    /// The operator could not read the record (missing field, wrong type, no image bytes). The
    /// record passes through unchanged so that no data is lost silently, and the reason explains why.
    /// </summary>
    Unprocessable,
}

/// <summary>Why a record was removed or could not be processed: a stable code and a detail with the values involved.</summary>
public sealed record OutcomeReason(string Code, string Detail);

/// <summary>Text of a field before and after a mapper changed it.</summary>
public sealed record TextChange(string Field, string Before, string After);

/// <summary>
/// Result of one operator on one record. <see cref="Output"/> is the record passed to the next
/// step, or null when the record was removed.
/// </summary>
public sealed record RecordOutcome(
    string RecordId,
    RecordDisposition Disposition,
    OutcomeReason? Reason,
    TextChange? Change,
    IReadOnlyDictionary<string, JsonNode?> TagsAdded,
    DataRecord? Output);

/// <summary>Outcomes of one operator over one batch, in input order, with counts.</summary>
public sealed record BatchResult(IReadOnlyList<RecordOutcome> Outcomes)
{
    public int KeptCount => Outcomes.Count(outcome => outcome.Disposition == RecordDisposition.Kept);

    public int RemovedCount => Outcomes.Count(outcome => outcome.Disposition == RecordDisposition.Removed);

    public int UnprocessableCount => Outcomes.Count(outcome => outcome.Disposition == RecordDisposition.Unprocessable);

    public int ModifiedCount => Outcomes.Count(outcome => outcome.Change is not null);

    /// <summary>Records for the next step: kept and unprocessable ones, in input order.</summary>
    public IReadOnlyList<DataRecord> OutputRecords =>
        Outcomes.Where(outcome => outcome.Output is not null).Select(outcome => outcome.Output!).ToList();
}
