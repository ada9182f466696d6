using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Text.Analysis;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Filtering;

/// <summary>Keeps texts whose word count (jieba for Chinese, whitespace otherwise) lies within [min, max].</summary>
public sealed class WordCountFilter(string textField, long minWords, long maxWords)
    : TextRecordOperator(OperatorIds.WordCountFilter, textField)
{
    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var words = JiebaWordSegmenter.Words(text).Count;
        if (words < minWords)
        {
            return TextVerdict.Remove("TOO_FEW_WORDS", $"{words} words, minimum {minWords}");
        }

        return words > maxWords
            ? TextVerdict.Remove("TOO_MANY_WORDS", $"{words} words, maximum {maxWords}")
            : TextVerdict.Keep;
    }
}
