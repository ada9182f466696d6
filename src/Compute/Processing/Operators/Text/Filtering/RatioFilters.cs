using System.Globalization;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Text.Analysis;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Filtering;

/// <summary>Removes texts whose special character ratio exceeds the maximum.</summary>
public sealed class SpecialCharacterRatioFilter(string textField, double maxRatio)
    : TextRecordOperator(OperatorIds.SpecialCharacterRatioFilter, textField)
{
    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var ratio = TextSignals.SpecialCharacterRatio(text);
        return ratio > maxRatio
            ? TextVerdict.Remove("SPECIAL_CHARACTER_RATIO_TOO_HIGH", RatioDetail.Describe("special character ratio", ratio, "maximum", maxRatio))
            : TextVerdict.Keep;
    }
}

/// <summary>Removes texts whose CJK, letter and digit ratio is below the minimum.</summary>
public sealed class CjkAlphanumericRatioFilter(string textField, double minRatio)
    : TextRecordOperator(OperatorIds.CjkAlphanumericRatioFilter, textField)
{
    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var ratio = TextSignals.CjkAlphanumericRatio(text);
        return ratio < minRatio
            ? TextVerdict.Remove("CJK_ALPHANUMERIC_RATIO_TOO_LOW", RatioDetail.Describe("CJK and alphanumeric ratio", ratio, "minimum", minRatio))
            : TextVerdict.Keep;
    }
}

/// <summary>Removes texts whose repeated character n-gram ratio exceeds the maximum.</summary>
public sealed class RepetitionFilter(string textField, int ngramSize, double maxRatio)
    : TextRecordOperator(OperatorIds.RepetitionFilter, textField)
{
    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var ratio = TextSignals.RepeatedNgramRatio(text, ngramSize);
        return ratio > maxRatio
            ? TextVerdict.Remove("REPETITION_RATIO_TOO_HIGH", RatioDetail.Describe($"repeated {ngramSize}-gram ratio", ratio, "maximum", maxRatio))
            : TextVerdict.Keep;
    }
}

/// <summary>Removes texts whose stop word ratio is below the minimum.</summary>
public sealed class StopWordRatioFilter(string textField, string language, double minRatio)
    : TextRecordOperator(OperatorIds.StopWordRatioFilter, textField)
{
    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var ratio = StopWordLists.Ratio(text, JiebaWordSegmenter.Words(text), language);
        return ratio < minRatio
            ? TextVerdict.Remove("STOP_WORD_RATIO_TOO_LOW", RatioDetail.Describe("stop word ratio", ratio, "minimum", minRatio))
            : TextVerdict.Keep;
    }
}

internal static class RatioDetail
{
    public static string Describe(string measure, double value, string boundName, double bound) =>
        string.Create(CultureInfo.InvariantCulture, $"{measure} {value:0.###}, {boundName} {bound:0.###}");
}
