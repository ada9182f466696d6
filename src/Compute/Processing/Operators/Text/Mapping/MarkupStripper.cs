using System.Net;
using System.Text.RegularExpressions;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Mapping;

/// <summary>
/// Turns HTML and Markdown into plain text with regular expressions. Block-level HTML tags become
/// line breaks so paragraphs stay apart. NOTE: this is a best-effort stripper for crawled text,
/// not an HTML parser, so malformed markup such as an unclosed comment can swallow the text after it.
/// </summary>
public sealed partial class MarkupStripper(string textField, bool stripHtml, bool stripMarkdown, bool keepLinkText)
    : TextRecordOperator(OperatorIds.MarkupStrip, textField)
{
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
        result = keepLinkText ? ImageTagAlt().Replace(result, "$1") : result;
        result = BlockTag().Replace(result, "\n");
        result = AnyTag().Replace(result, string.Empty);
        return WebUtility.HtmlDecode(result);
    }

    private string StripMarkdown(string text)
    {
        var result = FenceLine().Replace(text, string.Empty);
        result = MarkdownImage().Replace(result, keepLinkText ? "$1" : string.Empty);
        result = MarkdownLink().Replace(result, keepLinkText ? "$1" : string.Empty);
        result = HorizontalRule().Replace(result, string.Empty);
        result = TableSeparator().Replace(result, string.Empty);
        result = Heading().Replace(result, string.Empty);
        result = BlockQuote().Replace(result, string.Empty);
        result = ListMarker().Replace(result, "$1");
        result = StrongOrEmphasis().Replace(result, "$2");
        result = InlineCode().Replace(result, "$1");
        result = TablePipe().Replace(result, " ");
        return result;
    }

    [GeneratedRegex(@"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HiddenBlock();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"<img\b[^>]*?\balt\s*=\s*[""']([^""']*)[""'][^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ImageTagAlt();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/h[1-6]|/tr|/blockquote|/pre|/section|/article)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"</?[A-Za-z][^<>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"^[ \t]*(```|~~~).*$\n?", RegexOptions.Multiline)]
    private static partial Regex FenceLine();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownImage();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex HorizontalRule();

    [GeneratedRegex(@"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$\n?", RegexOptions.Multiline)]
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
