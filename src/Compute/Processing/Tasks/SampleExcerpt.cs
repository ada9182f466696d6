using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PanguGraph.Domain.Processing.Tasks;

namespace PanguGraph.Compute.Processing.Tasks;

/// <summary>
/// Shortens record texts for the samples of a processing task to about
/// <see cref="ProcessingLimits.MaxSampleTextLength"/> characters, marking each elision with "…".
/// </summary>
public static class SampleExcerpt
{
    /// <summary>Characters of unchanged text kept before the first difference of a changed sample.</summary>
    public const int ContextBefore = 100;

    private static readonly JsonSerializerOptions ReadableJson = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Cuts the before and after text of a mapper change around their first difference, so the
    /// change stays visible however far into a long text it is.
    /// </summary>
    public static (string Before, string After) Changed(string before, string after)
    {
        var max = ProcessingLimits.MaxSampleTextLength;
        if (before.Length <= max && after.Length <= max)
        {
            return (before, after);
        }

        var firstDifference = CommonPrefixLength(before, after);
        var start = Math.Max(0, firstDifference - ContextBefore);

        // Never start inside a surrogate pair.
        if (start > 0 && char.IsLowSurrogate(before[start]))
        {
            start--;
        }

        return (Window(before, start, max), Window(after, start, max));
    }

    /// <summary>
    /// Returns the excerpt of a removed or unprocessable record: the string in
    /// <paramref name="textField"/> when the record has one, otherwise the record as JSON with
    /// non-ASCII characters left readable.
    /// </summary>
    public static string Record(JsonObject fields, string? textField)
    {
        if (textField is not null
            && fields[textField] is JsonValue value
            && value.GetValueKind() == JsonValueKind.String)
        {
            return Window(value.GetValue<string>(), 0, ProcessingLimits.MaxSampleTextLength);
        }

        return Window(fields.ToJsonString(ReadableJson), 0, ProcessingLimits.MaxSampleTextLength);
    }

    private static int CommonPrefixLength(string first, string second) =>
        first.AsSpan().CommonPrefixLength(second.AsSpan());

    private static string Window(string text, int start, int length)
    {
        if (start >= text.Length)
        {
            return start == 0 ? text : "…";
        }

        var end = Math.Min(text.Length, start + length);
        if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        var prefix = start > 0 ? "…" : string.Empty;
        var suffix = end < text.Length ? "…" : string.Empty;
        return string.Concat(prefix, text.AsSpan(start, end - start), suffix);
    }
}
