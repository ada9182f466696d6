using static PanguGraph.Domain.Processing.Catalogue.CommonParameters;

namespace PanguGraph.Domain.Processing.Catalogue;

internal static class TextFilterDefinitions
{
    /// <summary>Language codes the language operators return: Chinese, English, anything else.</summary>
    public static readonly IReadOnlyList<string> LanguageCodes = ["zh", "en", "other"];

    public static IReadOnlyList<OperatorDefinition> All =>
    [
        Define(OperatorIds.LengthFilter, OperatorKind.Filter, TextOnly,
            ("Text length filter", "文本长度过滤"),
            ("Keeps texts whose length in characters (Unicode code points) lies within the range.",
             "保留字符数（按 Unicode 码位计）在范围内的文本。"),
            [
                TextField(),
                Integer("minLength", 10, 0, 10_000_000, "Minimum number of characters.", "最少字符数。"),
                Integer("maxLength", 100_000, 1, 10_000_000, "Maximum number of characters.", "最多字符数。"),
            ],
            ParameterValidation.NotAbove("minLength", "maxLength")),

        Define(OperatorIds.WordCountFilter, OperatorKind.Filter, TextOnly,
            ("Word count filter", "词数过滤"),
            ("Keeps texts whose number of words lies within the range; Chinese is segmented with jieba, other text is split on whitespace.",
             "保留词数在范围内的文本；中文用 jieba 分词，其他文本按空白切分。"),
            [
                TextField(),
                Integer("minWords", 5, 0, 10_000_000, "Minimum number of words.", "最少词数。"),
                Integer("maxWords", 100_000, 1, 10_000_000, "Maximum number of words.", "最多词数。"),
            ],
            ParameterValidation.NotAbove("minWords", "maxWords")),

        Define(OperatorIds.SpecialCharacterRatioFilter, OperatorKind.Filter, TextOnly,
            ("Special character ratio filter", "特殊字符比例过滤"),
            ("Removes texts in which symbols and uncommon punctuation make up too large a share of the non-space characters.",
             "删除符号和非常用标点在非空白字符中占比过高的文本。"),
            [
                TextField(),
                Number("maxRatio", 0.25, 0, 1, "Maximum share of special characters, from 0 to 1.", "特殊字符的最大占比，取值 0 到 1。"),
            ]),

        Define(OperatorIds.CjkAlphanumericRatioFilter, OperatorKind.Filter, TextOnly,
            ("Chinese and alphanumeric ratio filter", "中文与字母数字比例过滤"),
            ("Removes texts in which CJK characters, letters and digits make up too small a share of the non-space characters.",
             "删除中日韩文字、字母和数字在非空白字符中占比过低的文本。"),
            [
                TextField(),
                Number("minRatio", 0.6, 0, 1, "Minimum share of CJK characters, letters and digits, from 0 to 1.", "中日韩文字、字母和数字的最小占比，取值 0 到 1。"),
            ]),

        Define(OperatorIds.LanguageFilter, OperatorKind.Filter, TextOnly,
            ("Language filter", "语种过滤"),
            ("Detects the language of each text and keeps those in the chosen languages with enough confidence.",
             "识别每条文本的语种，保留属于所选语种且置信度足够的文本。"),
            [
                TextField(),
                new ParameterDefinition("languages", ParameterType.StringList, new[] { "zh", "en" },
                    new LocalizedText("Languages to keep: zh, en or other.", "需要保留的语种：zh、en 或 other。"),
                    Required: true, Minimum: 1, AllowedValues: LanguageCodes),
                Number("minScore", 0.5, 0, 1, "Minimum detection confidence, from 0 to 1.", "语种识别的最低置信度，取值 0 到 1。"),
            ]),

        Define(OperatorIds.RepetitionFilter, OperatorKind.Filter, TextOnly,
            ("Repeated character n-gram filter", "字符 n-gram 重复率过滤"),
            ("Removes texts in which character n-grams that occur more than once cover too large a share of all n-grams.",
             "删除重复出现的字符 n-gram 在全部 n-gram 中占比过高的文本。"),
            [
                TextField(),
                Integer("ngramSize", 10, 2, 50, "Length of the character n-grams.", "字符 n-gram 的长度。"),
                Number("maxRatio", 0.2, 0, 1, "Maximum share of repeated n-grams, from 0 to 1.", "重复 n-gram 的最大占比，取值 0 到 1。"),
            ]),

        Define(OperatorIds.StopWordRatioFilter, OperatorKind.Filter, TextOnly,
            ("Stop word ratio filter", "停用词比例过滤"),
            ("Removes texts with too few stop words among their words, which is typical of keyword lists and machine-generated text.",
             "删除停用词占比过低的文本，这类文本多为关键词堆砌或机器生成。"),
            [
                TextField(),
                Choice("language", "auto", ["auto", "zh", "en"],
                    "Stop word list to use; auto picks Chinese when the text contains Chinese characters.",
                    "使用的停用词表；auto 表示文本含汉字时用中文表，否则用英文表。"),
                Number("minRatio", 0.05, 0, 1, "Minimum share of stop words among words, from 0 to 1.", "停用词在词中的最小占比，取值 0 到 1。"),
            ]),

        Define(OperatorIds.KeywordBlockFilter, OperatorKind.Filter, TextOnly,
            ("Keyword block list filter", "关键词屏蔽过滤"),
            ("Removes texts that contain the listed keywords more often than allowed.",
             "删除包含屏蔽关键词次数超过允许值的文本。"),
            [
                TextField(),
                new ParameterDefinition("keywords", ParameterType.StringList, null,
                    new LocalizedText("Keywords that block a text.", "需要屏蔽的关键词。"), Required: true, Minimum: 1, Maximum: 100_000),
                Boolean("ignoreCase", true, "Match Latin letters regardless of case.", "匹配拉丁字母时忽略大小写。"),
                Integer("maxOccurrences", 0, 0, 1_000_000, "Number of keyword occurrences tolerated; one more removes the text.", "允许出现的关键词次数，超过即删除。"),
            ]),

        Define(OperatorIds.QaCompletenessFilter, OperatorKind.Filter, TextOnly,
            ("Question and answer completeness filter", "问答完整性过滤"),
            ("Removes question-answer records whose question or answer is missing or blank.",
             "删除问题或答案缺失或为空的问答记录。"),
            [
                new ParameterDefinition("questionField", ParameterType.String, "question",
                    new LocalizedText("Name of the field that holds the question.", "存放问题的字段名。"), Required: true),
                new ParameterDefinition("answerField", ParameterType.String, "answer",
                    new LocalizedText("Name of the field that holds the answer.", "存放答案的字段名。"), Required: true),
                Integer("minAnswerLength", 1, 1, 100_000, "Minimum number of non-space characters in the answer.", "答案中最少的非空白字符数。"),
            ],
            DifferentFields("questionField", "answerField")),
    ];

    private static Func<ResolvedParameters, ParameterError?> DifferentFields(string first, string second) =>
        parameters => parameters.GetString(first) != parameters.GetString(second)
            ? null
            : ParameterValidation.Conflict(second, $"!= {first}",
                $"Parameters '{first}' and '{second}' name the same field '{parameters.GetString(second)}'. Use two different fields.",
                $"参数“{first}”和“{second}”指向同一个字段“{parameters.GetString(second)}”，请使用两个不同的字段。");
}
