using System.Text.Json;
using System.Text.Json.Nodes;

namespace PanguGraph.Compute.Processing.Operators.Contracts;

/// <summary>
/// Base of operators that read one string field of each record. Subclasses decide on the text;
/// this class reads the field, reports unreadable records and builds the outcomes.
/// </summary>
public abstract class TextRecordOperator(string operatorId, string textField) : IRecordOperator
{
    public string OperatorId { get; } = operatorId;

    protected string TextField { get; } = textField;

    public BatchResult Process(IReadOnlyList<DataRecord> batch) =>
        new(batch.Select(ProcessOne).ToList());

    protected abstract TextVerdict Evaluate(string text, DataRecord record);

    private RecordOutcome ProcessOne(DataRecord record)
    {
        var node = record.Fields[TextField];
        if (node is null)
        {
            return Unprocessable(record, OutcomeCodes.FieldMissing, $"Record has no value in field '{TextField}'.");
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            return Unprocessable(record, OutcomeCodes.FieldNotString,
                $"Field '{TextField}' holds a {node.GetValueKind()} value, not a string.");
        }

        var text = node.GetValue<string>();
        return Evaluate(text, record) switch
        {
            TextVerdict.KeepVerdict => Kept(record, record, null, NoTags),
            TextVerdict.RemoveVerdict remove => new RecordOutcome(record.Id, RecordDisposition.Removed, remove.Reason, null, NoTags, null),
            TextVerdict.RewriteVerdict rewrite when rewrite.Text == text => Kept(record, record, null, NoTags),
            TextVerdict.RewriteVerdict rewrite => Kept(record, WithText(record, rewrite.Text), new TextChange(TextField, text, rewrite.Text), NoTags),
            TextVerdict.TagVerdict tag => TagRecord(record, tag.Tags),
            var other => throw new InvalidOperationException($"Unhandled verdict {other.GetType().Name}."),
        };
    }

    protected static readonly IReadOnlyDictionary<string, JsonNode?> NoTags = new Dictionary<string, JsonNode?>();

    protected static RecordOutcome Unprocessable(DataRecord record, string code, string detail) =>
        new(record.Id, RecordDisposition.Unprocessable, new OutcomeReason(code, detail), null, NoTags, record);

    private static RecordOutcome Kept(DataRecord record, DataRecord output, TextChange? change, IReadOnlyDictionary<string, JsonNode?> tags) =>
        new(record.Id, RecordDisposition.Kept, null, change, tags, output);

    private DataRecord WithText(DataRecord record, string text)
    {
        var fields = (JsonObject)record.Fields.DeepClone();
        fields[TextField] = text;
        return record with { Fields = fields };
    }

    private static RecordOutcome TagRecord(DataRecord record, IReadOnlyDictionary<string, JsonNode?> tags)
    {
        var existing = record.Fields[DataRecord.TagsField];
        if (existing is not null && existing.GetValueKind() != JsonValueKind.Object)
        {
            return Unprocessable(record, "TAGS_FIELD_NOT_OBJECT",
                $"Field '{DataRecord.TagsField}' holds a {existing.GetValueKind()} value, so tags cannot be added to it.");
        }

        var fields = (JsonObject)record.Fields.DeepClone();
        if (fields[DataRecord.TagsField] is not JsonObject tagObject)
        {
            tagObject = new JsonObject();
            fields[DataRecord.TagsField] = tagObject;
        }

        foreach (var (name, value) in tags)
        {
            tagObject[name] = value?.DeepClone();
        }

        return Kept(record, record with { Fields = fields }, null, tags);
    }
}
