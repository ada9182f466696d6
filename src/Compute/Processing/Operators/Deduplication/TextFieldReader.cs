using System.Text.Json;
using PanguGraph.Compute.Processing.Operators.Contracts;

namespace PanguGraph.Compute.Processing.Operators.Deduplication;

internal static class TextFieldReader
{
    /// <summary>Returns the string in <paramref name="field"/>, or null and an unsigned-record entry explaining why not.</summary>
    public static string? Read(int shard, int index, DataRecord record, string field, List<UnsignedRecord> unsigned)
    {
        var node = record.Fields[field];
        if (node is null)
        {
            unsigned.Add(new UnsignedRecord(shard, index, record.Id, OutcomeCodes.FieldMissing, $"Record has no value in field '{field}'."));
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            unsigned.Add(new UnsignedRecord(shard, index, record.Id, OutcomeCodes.FieldNotString, $"Field '{field}' holds a {node.GetValueKind()} value, not a string."));
            return null;
        }

        return node.GetValue<string>();
    }
}
