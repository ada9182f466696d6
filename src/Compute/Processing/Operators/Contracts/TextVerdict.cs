using System.Text.Json.Nodes;

namespace PanguGraph.Compute.Processing.Operators.Contracts;

/// <summary>What a text operator decided for one record.</summary>
public abstract record TextVerdict
{
    public static readonly TextVerdict Keep = new KeepVerdict();

    public static TextVerdict Remove(string code, string detail) => new RemoveVerdict(new OutcomeReason(code, detail));

    public static TextVerdict Rewrite(string text) => new RewriteVerdict(text);

    public static TextVerdict Tag(IReadOnlyDictionary<string, JsonNode?> tags) => new TagVerdict(tags);

    public sealed record KeepVerdict : TextVerdict;

    public sealed record RemoveVerdict(OutcomeReason Reason) : TextVerdict;

    public sealed record RewriteVerdict(string Text) : TextVerdict;

    public sealed record TagVerdict(IReadOnlyDictionary<string, JsonNode?> Tags) : TextVerdict;
}
