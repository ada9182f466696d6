using System.Text.Json;
using System.Text.Json.Nodes;

namespace PanguGraph.Compute.Importing.Formats;

/// <summary>UTF-8 and JSON settings shared by the text readers.</summary>
internal static class TextEncoding
{
    /// <summary>Rejects comments, trailing commas and duplicate property names, which would otherwise lose data silently.</summary>
    public static readonly JsonDocumentOptions StrictJson = new()
    {
        AllowDuplicateProperties = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> text) =>
        text.StartsWith("\uFEFF"u8) ? text[3..] : text;

    /// <summary>Names the JSON type of a value for error messages.</summary>
    public static string DescribeNode(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        var kind => kind.ToString()!,
    };
}
