using System.Text.Json;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Filtering;

/// <summary>
/// Removes question-answer records whose question is missing or blank, or whose answer has fewer
/// non-space characters than required. A field that contains a non-string value is unprocessable.
/// </summary>
public sealed class QaCompletenessFilter(string questionField, string answerField, long minAnswerLength) : IRecordOperator
{
    private static readonly IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> NoTags =
        new Dictionary<string, System.Text.Json.Nodes.JsonNode?>();

    public string OperatorId => OperatorIds.QaCompletenessFilter;

    public BatchResult Process(IReadOnlyList<DataRecord> batch) => new(batch.Select(ProcessOne).ToList());

    private RecordOutcome ProcessOne(DataRecord record)
    {
        foreach (var field in new[] { questionField, answerField })
        {
            var node = record.Fields[field];
            if (node is not null && node.GetValueKind() != JsonValueKind.String)
            {
                return new RecordOutcome(record.Id, RecordDisposition.Unprocessable,
                    new OutcomeReason(OutcomeCodes.FieldNotString, $"Field '{field}' holds a {node.GetValueKind()} value, not a string."),
                    null, NoTags, record);
            }
        }

        var question = record.Fields[questionField]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(question))
        {
            return Removed(record, "QUESTION_EMPTY", $"field '{questionField}' is missing or blank");
        }

        var answer = record.Fields[answerField]?.GetValue<string>() ?? string.Empty;
        var answerLength = answer.EnumerateRunes().Count(rune => !System.Text.Rune.IsWhiteSpace(rune));
        return answerLength < minAnswerLength
            ? Removed(record, "ANSWER_TOO_SHORT", $"field '{answerField}' has {answerLength} non-space characters, minimum {minAnswerLength}")
            : new RecordOutcome(record.Id, RecordDisposition.Kept, null, null, NoTags, record);
    }

    private static RecordOutcome Removed(DataRecord record, string code, string detail) =>
        new(record.Id, RecordDisposition.Removed, new OutcomeReason(code, detail), null, NoTags, null);
}
