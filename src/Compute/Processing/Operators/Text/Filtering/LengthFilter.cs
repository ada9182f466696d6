using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Text.Analysis;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Filtering;

/// <summary>Keeps texts whose number of Unicode code points lies within [min, max].</summary>
public sealed class LengthFilter(string textField, long minLength, long maxLength)
    : TextRecordOperator(OperatorIds.LengthFilter, textField)
{
    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var length = CharacterClasses.CountCharacters(text);
        if (length < minLength)
        {
            return TextVerdict.Remove("TEXT_TOO_SHORT", $"{length} characters, minimum {minLength}");
        }

        return length > maxLength
            ? TextVerdict.Remove("TEXT_TOO_LONG", $"{length} characters, maximum {maxLength}")
            : TextVerdict.Keep;
    }
}
