using System.Text.Json.Nodes;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Tagging;

/// <summary>
/// Adds <c>_tags.domains</c>: the sorted distinct tags of every keyword the text contains, from
/// entries of the form keyword=tag (the catalogue rejects malformed entries). An empty array means
/// no keyword matched.
/// </summary>
public sealed class KeywordTagger : TextRecordOperator
{
    private readonly IReadOnlyList<(string Keyword, string Tag)> _entries;
    private readonly StringComparison _comparison;

    public KeywordTagger(string textField, IReadOnlyList<string> keywordTags, bool ignoreCase)
        : base(OperatorIds.KeywordTagger, textField)
    {
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        _entries = keywordTags
            .Select(entry => entry.Split('=', 2))
            .Select(parts => (parts[0].Trim(), parts[1].Trim()))
            .ToList();
    }

    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var tags = _entries
            .Where(entry => text.Contains(entry.Keyword, _comparison))
            .Select(entry => entry.Tag)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(tag => (JsonNode?)JsonValue.Create(tag))
            .ToArray();
        return TextVerdict.Tag(new Dictionary<string, JsonNode?> { ["domains"] = new JsonArray(tags) });
    }
}
