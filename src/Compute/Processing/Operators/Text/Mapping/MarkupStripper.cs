using System.Net;
using System.Text.RegularExpressions;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Mapping;

/// <summary>
/// Turns HTML and Markdown into plain text with regular expressions. Block-level HTML tags become
/// line breaks so paragraphs stay apart. Only known HTML element names count as tags, so e-mail
/// addresses and autolinks in angle brackets survive. Block quotes are stripped only when the text
/// also contains unmistakable Markdown, and table pipes only on lines of a Markdown table, so
/// quoted replies and ASCII art in plain-text e-mail stay as they are.
/// NOTE: this is a best-effort stripper for crawled text, not an HTML parser, so malformed markup
/// such as an unclosed comment can swallow the text after it.
/// </summary>
public sealed partial class MarkupStripper(string textField, bool stripHtml, bool stripMarkdown, bool keepLinkText)
    : TextRecordOperator(OperatorIds.MarkupStrip, textField)
{
    private const string ElementNames =
        "a|abbr|acronym|address|area|article|aside|audio|b|base|basefont|bdi|bdo|big|blink|blockquote|body|br|button|" +
        "canvas|caption|center|cite|code|col|colgroup|data|datalist|dd|del|details|dfn|dialog|dir|div|dl|dt|em|embed|" +
        "fieldset|figcaption|figure|font|footer|form|frame|frameset|h[1-6]|head|header|hgroup|hr|html|i|iframe|img|" +
        "input|ins|kbd|label|legend|li|link|main|map|mark|marquee|menu|meta|meter|nav|nobr|noframes|noscript|object|ol|" +
        "optgroup|option|output|p|param|picture|pre|progress|q|rp|rt|ruby|s|samp|script|section|select|small|source|" +
        "span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|template|textarea|tfoot|th|thead|time|title|tr|" +
        "track|tt|u|ul|var|video|wbr";

    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var result = text;
        if (stripHtml)
        {
            result = StripHtml(result);
        }

        if (stripMarkdown)
        {
            result = StripMarkdown(result);
        }

        return TextVerdict.Rewrite(result);
    }

    private string StripHtml(string text)
    {
        var result = HiddenBlock().Replace(text, string.Empty);
        result = HtmlComment().Replace(result, string.Empty);
        result = Declaration().Replace(result, string.Empty);
        result = keepLinkText ? ImageTagAlt().Replace(result, "$1") : result;
        result = BlockTag().Replace(result, "\n");
        result = ElementTag().Replace(result, string.Empty);
        return WebUtility.HtmlDecode(result);
    }

    private string StripMarkdown(string text)
    {
        // Quote markers are also how plain-text e-mail marks replies, so they count as Markdown
        // only next to syntax that e-mail does not use.
        var looksLikeMarkdown = MarkdownEvidence().IsMatch(text);

        var result = FenceLine().Replace(text, string.Empty);
        result = MarkdownImage().Replace(result, keepLinkText ? "$1" : string.Empty);
        result = MarkdownLink().Replace(result, keepLinkText ? "$1" : string.Empty);
        result = Autolink().Replace(result, "$1");
        result = HorizontalRule().Replace(result, string.Empty);
        result = StripTables(result);
        result = Heading().Replace(result, string.Empty);
        result = looksLikeMarkdown ? BlockQuote().Replace(result, string.Empty) : result;
        result = ListMarker().Replace(result, "$1");
        result = StrongOrEmphasis().Replace(result, "$2");
        result = InlineCode().Replace(result, "$1");
        return result;
    }

    /// <summary>
    /// Removes the pipes of Markdown tables: a header line, a separator line such as <c>|---|---|</c>
    /// and the lines with pipes that follow. Pipes elsewhere are left alone.
    /// </summary>
    private static string StripTables(string text)
    {
        if (!text.Contains('|'))
        {
            return text;
        }

        var lines = text.Split('\n');
        var outputLines = new List<string>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!TableSeparator().IsMatch(lines[i]) || outputLines.Count == 0 || !lines[i - 1].Contains('|'))
            {
                outputLines.Add(lines[i]);
                continue;
            }

            outputLines[^1] = StripCells(outputLines[^1]);
            while (i + 1 < lines.Length && lines[i + 1].Contains('|'))
            {
                i++;
                outputLines.Add(StripCells(lines[i]));
            }
        }

        return string.Join('\n', outputLines);
    }

    private static string StripCells(string line) => TablePipe().Replace(line, " ").Trim(' ');

    [GeneratedRegex(@"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HiddenBlock();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"<(?:!DOCTYPE\b|\?xml\b)[^<>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Declaration();

    [GeneratedRegex(@"<img\b[^>]*?\balt\s*=\s*[""']([^""']*)[""'][^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ImageTagAlt();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/h[1-6]|/tr|/blockquote|/pre|/section|/article)(?=[\s/>])[^<>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    // An opening tag of a known element (optionally with attributes or self-closing), or any
    // closing tag. "<user@host>" and "<https://…>" do not match because a name must be followed
    // by whitespace, "/" or ">".
    [GeneratedRegex(@"<(?:(?:" + ElementNames + @")(?:\s[^<>]*)?/?|/[A-Za-z][A-Za-z0-9:-]*\s*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ElementTag();

    [GeneratedRegex(@"^[ \t]*(```|~~~).*$\n?", RegexOptions.Multiline)]
    private static partial Regex FenceLine();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownImage();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<((?:https?|ftp)://[^\s<>]+)>", RegexOptions.IgnoreCase)]
    private static partial Regex Autolink();

    // Fences, ATX headings, links or images, and table separators.
    [GeneratedRegex(@"^[ \t]*(```|~~~)|^[ \t]{0,3}#{1,6}[ \t]+\S|!?\[[^\]]+\]\([^)]*\)|^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|", RegexOptions.Multiline)]
    private static partial Regex MarkdownEvidence();

    [GeneratedRegex(@"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex HorizontalRule();

    [GeneratedRegex(@"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*\r?$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"^[ \t]{0,3}#{1,6}[ \t]+", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^[ \t]{0,3}>[ \t]?", RegexOptions.Multiline)]
    private static partial Regex BlockQuote();

    [GeneratedRegex(@"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+", RegexOptions.Multiline)]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"(\*\*|__|\*|~~)(?=\S)(.+?)(?<=\S)\1")]
    private static partial Regex StrongOrEmphasis();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"[ \t]*\|[ \t]*")]
    private static partial Regex TablePipe();
}
