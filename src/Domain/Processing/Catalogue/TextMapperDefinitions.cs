using static PanguGraph.Domain.Processing.Catalogue.CommonParameters;

namespace PanguGraph.Domain.Processing.Catalogue;

internal static class TextMapperDefinitions
{
    /// <summary>Kinds of personal data the PII mask recognises, in the order it applies them.</summary>
    public static readonly IReadOnlyList<string> PiiKinds =
        ["url", "email", "ipv6", "ipv4", "id_card", "bank_card", "international_phone", "mobile_phone", "landline_phone"];

    /// <summary>OpenCC configurations that convert to simplified Chinese.</summary>
    public static readonly IReadOnlyList<string> ChineseConversions = ["t2s", "tw2s", "tw2sp", "hk2s"];

    public static IReadOnlyList<OperatorDefinition> All =>
    [
        Define(OperatorIds.NfkcNormalize, OperatorKind.Mapper, TextOnly,
            ("Unicode NFKC normalisation", "Unicode NFKC 规范化"),
            ("Folds full-width letters, digits and compatibility characters into their standard forms.",
             "把全角字母、数字和兼容字符统一为标准形式。"),
            [TextField()]),

        Define(OperatorIds.WhitespaceClean, OperatorKind.Mapper, TextOnly,
            ("Whitespace and control character clean-up", "空白与控制字符清理"),
            ("Removes control and zero-width characters, turns exotic spaces into plain ones, collapses runs of spaces and limits blank lines.",
             "删除控制字符和零宽字符，把各种特殊空格换成普通空格，合并连续空格并限制连续空行。"),
            [
                TextField(),
                Boolean("removeControlCharacters", true, "Delete control and zero-width characters (tabs and line breaks stay).", "删除控制字符和零宽字符（保留制表符和换行）。"),
                Boolean("collapseSpaces", true, "Replace each run of spaces and tabs with one space.", "把连续的空格和制表符合并为一个空格。"),
                Integer("maxConsecutiveNewlines", 2, 1, 20, "Maximum number of line breaks kept in a row.", "最多保留的连续换行数。"),
                Boolean("trim", true, "Remove spaces at the start and end of every line and of the text.", "删除每行及全文首尾的空白。"),
            ]),

        Define(OperatorIds.MarkupStrip, OperatorKind.Mapper, TextOnly,
            ("HTML and Markdown stripping", "HTML 与 Markdown 去除"),
            ("Removes HTML tags, scripts and comments, decodes entities and turns Markdown syntax into plain text.",
             "删除 HTML 标签、脚本和注释，解码实体字符，并把 Markdown 语法转成纯文本。"),
            [
                TextField(),
                Boolean("stripHtml", true, "Remove HTML markup.", "去除 HTML 标记。"),
                Boolean("stripMarkdown", true, "Remove Markdown markup.", "去除 Markdown 标记。"),
                Boolean("keepLinkText", true, "Keep the visible text of links and the alt text of images.", "保留链接的显示文字和图片的替代文字。"),
            ]),

        Define(OperatorIds.TraditionalToSimplified, OperatorKind.Mapper, TextOnly,
            ("Traditional to simplified Chinese", "繁体转简体"),
            ("Converts traditional Chinese characters and phrases to simplified Chinese with OpenCC dictionaries.",
             "使用 OpenCC 词典把繁体中文的字和词转换为简体中文。"),
            [
                TextField(),
                Choice("conversion", "t2s", ChineseConversions,
                    "OpenCC conversion: t2s (generic traditional), tw2s (Taiwan), tw2sp (Taiwan with phrases), hk2s (Hong Kong).",
                    "OpenCC 转换方式：t2s（通用繁体）、tw2s（台湾正体）、tw2sp（台湾正体含惯用词）、hk2s（香港繁体）。"),
            ]),

        Define(OperatorIds.PiiMask, OperatorKind.Mapper, TextOnly,
            ("Personal information masking", "个人隐私信息脱敏"),
            ("Masks e-mail addresses, phone numbers, resident ID numbers with a valid checksum, bank card numbers that pass the Luhn check, IP addresses and URLs.",
             "遮盖电子邮箱、电话号码、校验码正确的居民身份证号、通过 Luhn 校验的银行卡号、IP 地址和网址。"),
            [
                TextField(),
                new ParameterDefinition("kinds", ParameterType.StringList, PiiKinds,
                    new LocalizedText("Kinds of personal information to mask.", "需要遮盖的隐私信息类型。"),
                    Minimum: 1, AllowedValues: PiiKinds),
                Choice("maskStyle", "placeholder", ["placeholder", "asterisk"],
                    "placeholder writes a token such as [EMAIL]; asterisk replaces every character with *.",
                    "placeholder 替换为 [EMAIL] 这类标记；asterisk 把每个字符替换为 *。"),
            ]),

        Define(OperatorIds.SensitiveWordMask, OperatorKind.Mapper, TextOnly,
            ("Sensitive word masking", "敏感词遮盖"),
            ("Replaces every occurrence of the listed words with a mask character, one per character of the word.",
             "把列表中的词逐字替换为遮盖字符。"),
            [
                TextField(),
                new ParameterDefinition("words", ParameterType.StringList, null,
                    new LocalizedText("Words to mask.", "需要遮盖的词。"), Required: true, Minimum: 1, Maximum: 100_000),
                new ParameterDefinition("maskCharacter", ParameterType.String, "*",
                    new LocalizedText("Character written in place of each masked character.", "替换每个被遮盖字符的字符。"), Required: true),
                Boolean("ignoreCase", true, "Match Latin letters regardless of case.", "匹配拉丁字母时忽略大小写。"),
            ],
            SingleCharacter("maskCharacter")),
    ];

    private static Func<ResolvedParameters, ParameterError?> SingleCharacter(string name) =>
        parameters =>
        {
            var value = parameters.GetString(name);
            return value.EnumerateRunes().Count() == 1
                ? null
                : ParameterValidation.Conflict(name, "1 character",
                    $"Parameter '{name}' must be exactly one character, but got '{value}'.",
                    $"参数“{name}”必须是单个字符，实际为“{value}”。");
        };
}
