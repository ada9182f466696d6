using System.Text.RegularExpressions;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Filtering;

/// <summary>Removes texts in which block-listed keywords occur more than the tolerated number of times.</summary>
public sealed class KeywordBlockFilter : TextRecordOperator
{
    private readonly Regex _pattern;
    private readonly long _maxOccurrences;

    public KeywordBlockFilter(string textField, IReadOnlyList<string> keywords, bool ignoreCase, long maxOccurrences)
        : base(OperatorIds.KeywordBlockFilter, textField)
    {
        _maxOccurrences = maxOccurrences;
        var alternatives = keywords.Where(keyword => keyword.Length > 0).Distinct().OrderByDescending(keyword => keyword.Length).Select(Regex.Escape);
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        _pattern = new Regex(string.Join('|', alternatives), options);
    }

    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var matches = _pattern.Matches(text);
        if (matches.Count <= _maxOccurrences)
        {
            return TextVerdict.Keep;
        }

        var found = matches.Select(match => match.Value).Distinct().Take(5);
        return TextVerdict.Remove("BLOCKED_KEYWORD", $"{matches.Count} occurrences of blocked keywords ({string.Join(", ", found)}), maximum {_maxOccurrences}");
    }
}
