using System.Text.Json.Nodes;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Text.Analysis;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Tagging;

/// <summary>
/// Adds <c>_tags.qualityScore</c>, a heuristic from 0 to 1. Five signals are each mapped to
/// [0, 1] and averaged with weights:
/// length min(1, characters / 200) × 0.20;
/// 1 − min(1, special character ratio / 0.3) × 0.20;
/// CJK and alphanumeric ratio × 0.20;
/// 1 − min(1, repeated 10-gram ratio / 0.5) × 0.25;
/// min(1, stop word ratio / 0.2) × 0.15.
/// The weights favour repetition because repeated boilerplate is the commonest defect of crawled
/// text. The score is a ranking aid, not a calibrated probability.
/// </summary>
public sealed class QualityScoreTagger(string textField) : TextRecordOperator(OperatorIds.QualityScoreTagger, textField)
{
    public static double Score(string text)
    {
        var length = Math.Min(1.0, CharacterClasses.CountCharacters(text) / 200.0);
        var special = 1 - Math.Min(1.0, TextSignals.SpecialCharacterRatio(text) / 0.3);
        var meaningful = TextSignals.CjkAlphanumericRatio(text);
        var repetition = 1 - Math.Min(1.0, TextSignals.RepeatedNgramRatio(text, 10) / 0.5);
        var stopWords = Math.Min(1.0, StopWordLists.Ratio(text, JiebaWordSegmenter.Words(text), "auto") / 0.2);
        var score = (0.20 * length) + (0.20 * special) + (0.20 * meaningful) + (0.25 * repetition) + (0.15 * stopWords);
        return Math.Round(score, 3);
    }

    protected override TextVerdict Evaluate(string text, DataRecord record) =>
        TextVerdict.Tag(new Dictionary<string, JsonNode?> { ["qualityScore"] = Score(text) });
}
