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
    public static OperatorInstance Create(ResolvedParameters parameters)
    {
        string Field() => parameters.GetString("textField");

        IRecordOperator? record = parameters.OperatorId switch
        {
            OperatorIds.NfkcNormalize => new NfkcNormalizer(Field()),
            OperatorIds.WhitespaceClean => new WhitespaceCleaner(Field(), parameters.GetBoolean("removeControlCharacters"), parameters.GetBoolean("collapseSpaces"), parameters.GetInt32("maxConsecutiveNewlines"), parameters.GetBoolean("trim")),
            OperatorIds.MarkupStrip => new MarkupStripper(Field(), parameters.GetBoolean("stripHtml"), parameters.GetBoolean("stripMarkdown"), parameters.GetBoolean("keepLinkText")),
            OperatorIds.TraditionalToSimplified => new TraditionalToSimplifiedConverter(Field(), parameters.GetString("conversion")),
            OperatorIds.PiiMask => new PiiMasker(Field(), parameters.GetStringList("kinds"), parameters.GetString("maskStyle")),
            OperatorIds.SensitiveWordMask => new SensitiveWordMasker(Field(), parameters.GetStringList("words"), parameters.GetString("maskCharacter"), parameters.GetBoolean("ignoreCase")),
            OperatorIds.LengthFilter => new LengthFilter(Field(), parameters.GetInteger("minLength"), parameters.GetInteger("maxLength")),
            OperatorIds.WordCountFilter => new WordCountFilter(Field(), parameters.GetInteger("minWords"), parameters.GetInteger("maxWords")),
            OperatorIds.SpecialCharacterRatioFilter => new SpecialCharacterRatioFilter(Field(), parameters.GetNumber("maxRatio")),
            OperatorIds.CjkAlphanumericRatioFilter => new CjkAlphanumericRatioFilter(Field(), parameters.GetNumber("minRatio")),
            OperatorIds.LanguageFilter => new LanguageFilter(Field(), parameters.GetStringList("languages"), parameters.GetNumber("minScore")),
            OperatorIds.RepetitionFilter => new RepetitionFilter(Field(), parameters.GetInt32("ngramSize"), parameters.GetNumber("maxRatio")),
            OperatorIds.StopWordRatioFilter => new StopWordRatioFilter(Field(), parameters.GetString("language"), parameters.GetNumber("minRatio")),
            OperatorIds.KeywordBlockFilter => new KeywordBlockFilter(Field(), parameters.GetStringList("keywords"), parameters.GetBoolean("ignoreCase"), parameters.GetInteger("maxOccurrences")),
            OperatorIds.QaCompletenessFilter => new QaCompletenessFilter(parameters.GetString("questionField"), parameters.GetString("answerField"), parameters.GetInteger("minAnswerLength")),
            OperatorIds.LanguageTagger => new LanguageTagger(Field()),
            OperatorIds.LengthBucketTagger => new LengthBucketTagger(Field(), parameters.GetInteger("shortMaxLength"), parameters.GetInteger("mediumMaxLength")),
            OperatorIds.QualityScoreTagger => new QualityScoreTagger(Field()),
            OperatorIds.KeywordTagger => new KeywordTagger(Field(), parameters.GetStringList("keywordTags"), parameters.GetBoolean("ignoreCase")),
            OperatorIds.ImageDecodabilityFilter => new ImageDecodabilityFilter(),
            OperatorIds.ImageResolutionFilter => new ImageResolutionFilter(parameters.GetInteger("minWidth"), parameters.GetInteger("maxWidth"), parameters.GetInteger("minHeight"), parameters.GetInteger("maxHeight")),
            OperatorIds.ImageAspectRatioFilter => new ImageAspectRatioFilter(parameters.GetNumber("minAspectRatio"), parameters.GetNumber("maxAspectRatio")),
            _ => null,
        };
        if (record is not null)
        {
            return new OperatorInstance(record, null);
        }

        IDeduplicator deduplicator = parameters.OperatorId switch
        {
            OperatorIds.ExactDeduplicator => new ExactTextDeduplicator(Field(), parameters.GetBoolean("ignoreCase"), parameters.GetBoolean("ignoreWhitespace"), parameters.GetBoolean("ignorePunctuation")),
            OperatorIds.MinHashDeduplicator => new MinHashDeduplicator(Field(), parameters.GetInt32("ngramSize"), parameters.GetInt32("permutations"), parameters.GetInt32("bands"), parameters.GetNumber("threshold"), parameters.GetBoolean("ignoreCase")),
            OperatorIds.ImageExactDeduplicator => new ExactImageDeduplicator(),
            OperatorIds.ImagePerceptualDeduplicator => new PerceptualImageDeduplicator(parameters.GetInt32("maxHammingDistance")),
            _ => throw new ArgumentException($"Operator '{parameters.OperatorId}' has no implementation.", nameof(parameters)),
        };
        return new OperatorInstance(null, deduplicator);
    }
}
