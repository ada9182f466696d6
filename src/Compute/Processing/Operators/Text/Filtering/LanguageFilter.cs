using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Text.Analysis;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Filtering;

/// <summary>Keeps texts detected as one of the chosen languages with at least the minimum confidence.</summary>
public sealed class LanguageFilter(string textField, IReadOnlyList<string> languages, double minScore)
    : TextRecordOperator(OperatorIds.LanguageFilter, textField)
{
    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var guess = LanguageIdentifier.Identify(text);
        if (!languages.Contains(guess.Language))
        {
            return TextVerdict.Remove("LANGUAGE_NOT_ALLOWED", $"language {guess.Language} (score {guess.Score:0.###}), allowed {string.Join(", ", languages)}");
        }

        return guess.Score < minScore
            ? TextVerdict.Remove("LANGUAGE_SCORE_TOO_LOW", $"language {guess.Language} score {guess.Score:0.###}, minimum {minScore:0.###}")
            : TextVerdict.Keep;
    }
}
