using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Tasks;

namespace PanguGraph.Compute.Processing.Tasks;

/// <summary>Counts and samples of one step over one shard, filled batch by batch.</summary>
/// <param name="textField">Field whose text the sample of a removed record shows, or null to show the record as JSON.</param>
internal sealed class StepTally(int stepIndex, string operatorId, string? textField = null)
{
    private readonly List<RecordSample> _samples = [];
    private long _in;
    private long _out;
    private long _modified;
    private long _removed;
    private long _unprocessable;

    public int StepIndex { get; } = stepIndex;

    public string OperatorId { get; } = operatorId;

    public long Unprocessable => _unprocessable;

    public IReadOnlyList<RecordSample> Samples => _samples;

    public StepCounts ToCounts() => new(StepIndex, OperatorId, _in, _out, _modified, _removed, _unprocessable);

    /// <summary>Adds one batch's outcomes; <paramref name="inputs"/> are the records the step received, in the same order.</summary>
    public void Add(IReadOnlyList<DataRecord> inputs, BatchResult result)
    {
        _in += inputs.Count;
        _out += result.OutputRecords.Count;
        _modified += result.ModifiedCount;
        _removed += result.RemovedCount;
        _unprocessable += result.UnprocessableCount;
        for (var i = 0; i < result.Outcomes.Count && _samples.Count < ProcessingLimits.SamplesPerStepAndShard; i++)
        {
            var outcome = result.Outcomes[i];
            var sample = outcome switch
            {
                { Change: { } change } => ChangedSample(outcome.RecordId, change),
                { Disposition: RecordDisposition.Removed } => new RecordSample(StepIndex, OperatorId, SampleKind.Removed, outcome.RecordId, null, SampleExcerpt.Record(inputs[i].Fields, textField), null, outcome.Reason?.Code, outcome.Reason?.Detail),
                { Disposition: RecordDisposition.Unprocessable } => new RecordSample(StepIndex, OperatorId, SampleKind.Unprocessable, outcome.RecordId, null, SampleExcerpt.Record(inputs[i].Fields, null), null, outcome.Reason?.Code, outcome.Reason?.Detail),
                _ => null,
            };
            if (sample is not null)
            {
                _samples.Add(sample);
            }
        }
    }

    private RecordSample ChangedSample(string recordId, TextChange change)
    {
        var (before, after) = SampleExcerpt.Changed(change.Before, change.After);
        return new RecordSample(StepIndex, OperatorId, SampleKind.Changed, recordId, change.Field, before, after, null, null);
    }
}
