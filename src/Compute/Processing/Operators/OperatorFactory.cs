using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Deduplication;
using PanguGraph.Compute.Processing.Operators.Image;
using PanguGraph.Compute.Processing.Operators.Text.Filtering;
using PanguGraph.Compute.Processing.Operators.Text.Mapping;
using PanguGraph.Compute.Processing.Operators.Text.Tagging;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators;

/// <summary>A created operator: exactly one of the two members is set, by the operator's kind.</summary>
public sealed record OperatorInstance(IRecordOperator? RecordOperator, IDeduplicator? Deduplicator);

/// <summary>
/// Creates operator implementations from parameters that passed
/// <see cref="ParameterValidation.ValidateParameters"/>. Creating the traditional-to-simplified
/// converter opens OpenCC and throws <see cref="OpenCcUnavailableException"/> when it is missing.
/// </summary>
public static class OperatorFactory
{
    public static OperatorInstance Create(ResolvedParameters p)
    {
        string Field() => p.GetString("textField");

        IRecordOperator? record = p.OperatorId switch
        {
            OperatorIds.NfkcNormalize => new NfkcNormalizer(Field()),
            OperatorIds.WhitespaceClean => new WhitespaceCleaner(Field(), p.GetBoolean("removeControlCharacters"), p.GetBoolean("collapseSpaces"), p.GetInt32("maxConsecutiveNewlines"), p.GetBoolean("trim")),
            OperatorIds.MarkupStrip => new MarkupStripper(Field(), p.GetBoolean("stripHtml"), p.GetBoolean("stripMarkdown"), p.GetBoolean("keepLinkText")),
            OperatorIds.TraditionalToSimplified => new TraditionalToSimplifiedConverter(Field(), p.GetString("conversion")),
            OperatorIds.PiiMask => new PiiMasker(Field(), p.GetStringList("kinds"), p.GetString("maskStyle")),
            OperatorIds.SensitiveWordMask => new SensitiveWordMasker(Field(), p.GetStringList("words"), p.GetString("maskCharacter"), p.GetBoolean("ignoreCase")),
            OperatorIds.LengthFilter => new LengthFilter(Field(), p.GetInteger("minLength"), p.GetInteger("maxLength")),
            OperatorIds.WordCountFilter => new WordCountFilter(Field(), p.GetInteger("minWords"), p.GetInteger("maxWords")),
            OperatorIds.SpecialCharacterRatioFilter => new SpecialCharacterRatioFilter(Field(), p.GetNumber("maxRatio")),
            OperatorIds.CjkAlphanumericRatioFilter => new CjkAlphanumericRatioFilter(Field(), p.GetNumber("minRatio")),
            OperatorIds.LanguageFilter => new LanguageFilter(Field(), p.GetStringList("languages"), p.GetNumber("minScore")),
            OperatorIds.RepetitionFilter => new RepetitionFilter(Field(), p.GetInt32("ngramSize"), p.GetNumber("maxRatio")),
            OperatorIds.StopWordRatioFilter => new StopWordRatioFilter(Field(), p.GetString("language"), p.GetNumber("minRatio")),
            OperatorIds.KeywordBlockFilter => new KeywordBlockFilter(Field(), p.GetStringList("keywords"), p.GetBoolean("ignoreCase"), p.GetInteger("maxOccurrences")),
            OperatorIds.QaCompletenessFilter => new QaCompletenessFilter(p.GetString("questionField"), p.GetString("answerField"), p.GetInteger("minAnswerLength")),
            OperatorIds.LanguageTagger => new LanguageTagger(Field()),
            OperatorIds.LengthBucketTagger => new LengthBucketTagger(Field(), p.GetInteger("shortMaxLength"), p.GetInteger("mediumMaxLength")),
            OperatorIds.QualityScoreTagger => new QualityScoreTagger(Field()),
            OperatorIds.KeywordTagger => new KeywordTagger(Field(), p.GetStringList("keywordTags"), p.GetBoolean("ignoreCase")),
            OperatorIds.ImageDecodabilityFilter => new ImageDecodabilityFilter(),
            OperatorIds.ImageResolutionFilter => new ImageResolutionFilter(p.GetInteger("minWidth"), p.GetInteger("maxWidth"), p.GetInteger("minHeight"), p.GetInteger("maxHeight")),
            OperatorIds.ImageAspectRatioFilter => new ImageAspectRatioFilter(p.GetNumber("minAspectRatio"), p.GetNumber("maxAspectRatio")),
            _ => null,
        };
        if (record is not null)
        {
            return new OperatorInstance(record, null);
        }

        IDeduplicator deduplicator = p.OperatorId switch
        {
            OperatorIds.ExactDeduplicator => new ExactTextDeduplicator(Field(), p.GetBoolean("ignoreCase"), p.GetBoolean("ignoreWhitespace"), p.GetBoolean("ignorePunctuation")),
            OperatorIds.MinHashDeduplicator => new MinHashDeduplicator(Field(), p.GetInt32("ngramSize"), p.GetInt32("permutations"), p.GetInt32("bands"), p.GetNumber("threshold"), p.GetBoolean("ignoreCase")),
            OperatorIds.ImageExactDeduplicator => new ExactImageDeduplicator(),
            OperatorIds.ImagePerceptualDeduplicator => new PerceptualImageDeduplicator(p.GetInt32("maxHammingDistance")),
            _ => throw new ArgumentException($"Operator '{p.OperatorId}' has no implementation.", nameof(p)),
        };
        return new OperatorInstance(null, deduplicator);
    }
}
