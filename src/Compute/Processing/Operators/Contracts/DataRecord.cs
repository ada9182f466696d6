using System.Text.Json.Nodes;

namespace PanguGraph.Compute.Processing.Operators.Contracts;

/// <summary>
/// One record of a dataset shard. <see cref="Fields"/> is the JSON object of the record;
/// <see cref="Content"/> carries the file bytes of an image record and is null for text records.
/// Operators never change the input: a modified record is a new instance.
/// </summary>
public sealed record DataRecord(string Id, JsonObject Fields, byte[]? Content = null)
{
    /// <summary>Name of the object under which taggers store their tags.</summary>
    public const string TagsField = "_tags";
}
