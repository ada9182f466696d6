namespace PanguGraph.Compute.Processing.Operators.Contracts;

/// <summary>
/// A mapper, filter or tagger that decides each record on its own. Implementations never throw
/// for bad records: those come back as <see cref="RecordDisposition.Unprocessable"/>.
/// </summary>
public interface IRecordOperator
{
    string OperatorId { get; }

    BatchResult Process(IReadOnlyList<DataRecord> batch);
}
