using System.Text.RegularExpressions;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Mapping;

/// <summary>
/// Masks every occurrence of the listed words, longest words first so that a longer word is
/// masked whole. NOTE: the word list compiles into one regular expression alternation. That
/// suits lists of thousands of words, but an Aho-Corasick automaton would scale further.
/// </summary>
public sealed class SensitiveWordMasker : TextRecordOperator
{
    private readonly Regex? _pattern;
    private readonly string _maskCharacter;

    public SensitiveWordMasker(string textField, IReadOnlyList<string> words, string maskCharacter, bool ignoreCase)
        : base(OperatorIds.SensitiveWordMask, textField)
    {
        _maskCharacter = maskCharacter;
        var alternatives = words
            .Where(word => word.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(word => word.Length)
            .Select(Regex.Escape)
            .ToList();
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        _pattern = alternatives.Count == 0 ? null : new Regex(string.Join('|', alternatives), options);
    }

    protected override TextVerdict Evaluate(string text, DataRecord record) =>
        _pattern is null
            ? TextVerdict.Keep
            : TextVerdict.Rewrite(_pattern.Replace(text, match => string.Concat(Enumerable.Repeat(_maskCharacter, match.Value.EnumerateRunes().Count()))));
}
