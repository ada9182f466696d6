namespace PanguGraph.Domain.Processing.Catalogue;

/// <summary>Stable operator ids; stored in pipelines and events, so never rename one.</summary>
public static class OperatorIds
{
    public const string NfkcNormalize = "text.nfkc_normalize";
    public const string WhitespaceClean = "text.whitespace_clean";
    public const string MarkupStrip = "text.markup_strip";
    public const string TraditionalToSimplified = "text.traditional_to_simplified";
    public const string PiiMask = "text.pii_mask";
    public const string SensitiveWordMask = "text.sensitive_word_mask";

    public const string LengthFilter = "text.length_filter";
    public const string WordCountFilter = "text.word_count_filter";
    public const string SpecialCharacterRatioFilter = "text.special_char_ratio_filter";
    public const string CjkAlphanumericRatioFilter = "text.cjk_alnum_ratio_filter";
    public const string LanguageFilter = "text.language_filter";
    public const string RepetitionFilter = "text.char_ngram_repetition_filter";
    public const string StopWordRatioFilter = "text.stopword_ratio_filter";
    public const string KeywordBlockFilter = "text.keyword_block_filter";
    public const string QaCompletenessFilter = "text.qa_completeness_filter";

    public const string ExactDeduplicator = "text.exact_dedup";
    public const string MinHashDeduplicator = "text.minhash_dedup";

    public const string LanguageTagger = "text.language_tagger";
    public const string LengthBucketTagger = "text.length_bucket_tagger";
    public const string QualityScoreTagger = "text.quality_score_tagger";
    public const string KeywordTagger = "text.keyword_tagger";

    public const string ImageDecodabilityFilter = "image.decodability_filter";
    public const string ImageResolutionFilter = "image.resolution_filter";
    public const string ImageAspectRatioFilter = "image.aspect_ratio_filter";
    public const string ImageExactDeduplicator = "image.exact_dedup";
    public const string ImagePerceptualDeduplicator = "image.perceptual_dedup";
}
