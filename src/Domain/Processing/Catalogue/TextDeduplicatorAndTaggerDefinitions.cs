using static PanguGraph.Domain.Processing.Catalogue.CommonParameters;

namespace PanguGraph.Domain.Processing.Catalogue;

internal static class TextDeduplicatorAndTaggerDefinitions
{
    public static IReadOnlyList<OperatorDefinition> All =>
    [
        Define(OperatorIds.ExactDeduplicator, OperatorKind.Deduplicator, TextOnly,
            ("Exact deduplication", "精确去重"),
            ("Removes texts whose normalised form equals that of an earlier text anywhere in the dataset.",
             "删除规范化后与数据集中更早出现的文本完全相同的文本。"),
            [
                TextField(),
                Boolean("ignoreCase", true, "Compare texts in lower case.", "比较时忽略大小写。"),
                Boolean("ignoreWhitespace", true, "Ignore all whitespace when comparing.", "比较时忽略所有空白。"),
                Boolean("ignorePunctuation", false, "Ignore punctuation when comparing.", "比较时忽略标点。"),
            ]),

        Define(OperatorIds.MinHashDeduplicator, OperatorKind.Deduplicator, TextOnly,
            ("Near-duplicate removal (MinHash LSH)", "近似去重（MinHash LSH）"),
            ("Finds texts similar to an earlier text with MinHash signatures and locality-sensitive hashing, and removes them when their estimated Jaccard similarity reaches the threshold.",
             "用 MinHash 签名和局部敏感哈希查找与更早文本相似的文本，估计的 Jaccard 相似度达到阈值时删除。"),
            [
                TextField(),
                Integer("ngramSize", 5, 1, 32, "Length of the character n-grams (shingles).", "字符 n-gram（shingle）的长度。"),
                Integer("permutations", 128, 16, 1024, "Number of hash permutations in a signature.", "签名中哈希置换的个数。"),
                Integer("bands", 32, 1, 1024, "Number of LSH bands; must divide the number of permutations.", "LSH 分带数，必须能整除置换个数。"),
                Number("threshold", 0.8, 0.1, 1, "Jaccard similarity from which a text counts as a duplicate. Signatures only estimate it, so about 95% of pairs at exactly this similarity are found, and more above it.", "Jaccard 相似度达到该值即视为重复。签名只能估计相似度，因此恰好处于该值的文本对约有 95% 会被识别，高于该值的比例更高。"),
                Boolean("ignoreCase", true, "Compare texts in lower case.", "比较时忽略大小写。"),
            ],
            BandsDividePermutations),

        Define(OperatorIds.LanguageTagger, OperatorKind.Tagger, TextOnly,
            ("Language tag", "语种标签"),
            ("Tags each text with its detected language (zh, en or other) and the confidence.",
             "为每条文本标注识别出的语种（zh、en 或 other）及置信度。"),
            [TextField()]),

        Define(OperatorIds.LengthBucketTagger, OperatorKind.Tagger, TextOnly,
            ("Length bucket tag", "长度分档标签"),
            ("Tags each text as short, medium or long by its number of characters.",
             "按字符数把每条文本标注为短、中或长。"),
            [
                TextField(),
                Integer("shortMaxLength", 200, 1, 10_000_000, "Texts up to this many characters are short.", "字符数不超过该值为短文本。"),
                Integer("mediumMaxLength", 2000, 1, 10_000_000, "Texts up to this many characters are medium; longer ones are long.", "字符数不超过该值为中等文本，超过为长文本。"),
            ],
            ShortBelowMedium),

        Define(OperatorIds.QualityScoreTagger, OperatorKind.Tagger, TextOnly,
            ("Quality score tag", "质量分标签"),
            ("Tags each text with a heuristic quality score from 0 to 1 that combines its length, special character ratio, CJK and alphanumeric ratio, n-gram repetition and stop word ratio.",
             "为每条文本标注 0 到 1 的启发式质量分，综合长度、特殊字符比例、中文与字母数字比例、n-gram 重复率和停用词比例。"),
            [TextField()]),

        Define(OperatorIds.KeywordTagger, OperatorKind.Tagger, TextOnly,
            ("Keyword domain tag", "关键词领域标签"),
            ("Tags each text with the domains whose keywords it contains, from a list of keyword=tag entries.",
             "根据“关键词=标签”列表，为文本标注其包含的关键词所属的领域。"),
            [
                TextField(),
                new ParameterDefinition("keywordTags", ParameterType.StringList, null,
                    new LocalizedText("Entries of the form keyword=tag, such as 股票=finance.", "形如 关键词=标签 的条目，例如 股票=finance。"),
                    Required: true, Minimum: 1, Maximum: 100_000),
                Boolean("ignoreCase", true, "Match Latin letters regardless of case.", "匹配拉丁字母时忽略大小写。"),
            ],
            KeywordTagEntriesWellFormed),
    ];

    private static ParameterError? BandsDividePermutations(ResolvedParameters parameters)
    {
        var permutations = parameters.GetInteger("permutations");
        var bands = parameters.GetInteger("bands");
        if (bands <= permutations && permutations % bands == 0)
        {
            return null;
        }

        return ParameterValidation.Conflict("bands", $"divisor of {permutations}",
            $"Parameter 'bands' ({bands}) must divide 'permutations' ({permutations}) evenly. Pick a divisor such as {LargestDivisorUpTo(permutations, bands)}.",
            $"参数“bands”（{bands}）必须能整除“permutations”（{permutations}），可改为 {LargestDivisorUpTo(permutations, bands)} 等因数。");
    }

    private static long LargestDivisorUpTo(long value, long limit)
    {
        for (var candidate = Math.Min(value, limit); candidate > 1; candidate--)
        {
            if (value % candidate == 0)
            {
                return candidate;
            }
        }

        return 1;
    }

    private static ParameterError? ShortBelowMedium(ResolvedParameters parameters)
    {
        var shortMax = parameters.GetInteger("shortMaxLength");
        var mediumMax = parameters.GetInteger("mediumMaxLength");
        return shortMax < mediumMax
            ? null
            : ParameterValidation.Conflict("shortMaxLength", "< mediumMaxLength",
                $"Parameter 'shortMaxLength' ({shortMax}) must be less than 'mediumMaxLength' ({mediumMax}).",
                $"参数“shortMaxLength”（{shortMax}）必须小于“mediumMaxLength”（{mediumMax}）。");
    }

    private static ParameterError? KeywordTagEntriesWellFormed(ResolvedParameters parameters)
    {
        foreach (var entry in parameters.GetStringList("keywordTags"))
        {
            var separator = entry.IndexOf('=');
            if (separator <= 0 || separator == entry.Length - 1
                || string.IsNullOrWhiteSpace(entry[..separator]) || string.IsNullOrWhiteSpace(entry[(separator + 1)..]))
            {
                return ParameterValidation.Conflict("keywordTags", "keyword=tag",
                    $"Entry '{entry}' of 'keywordTags' must have the form keyword=tag with both parts non-empty.",
                    $"“keywordTags”中的条目“{entry}”必须形如 关键词=标签，且两部分都不能为空。");
            }
        }

        return null;
    }
}
