using System.Globalization;
using System.Text;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Compute.Processing.Operators.Text.Mapping;

/// <summary>
/// Cleans whitespace: CR LF and lone CR become LF, Unicode space separators become a plain space,
/// control characters (other than tab and LF) and zero-width characters are removed, runs of spaces
/// and tabs collapse, line ends are trimmed and runs of line breaks are capped.
/// </summary>
public sealed class WhitespaceCleaner(
    string textField,
    bool removeControlCharacters,
    bool collapseSpaces,
    int maxConsecutiveNewlines,
    bool trim) : TextRecordOperator(OperatorIds.WhitespaceClean, textField)
{
    protected override TextVerdict Evaluate(string text, DataRecord record)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        var newlines = 0;
        foreach (var rune in text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').EnumerateRunes())
        {
            if (rune.Value == '\n')
            {
                pendingSpace = false;
                if (trim)
                {
                    TrimEndOfLine(builder);
                }

                newlines++;
                if (newlines <= maxConsecutiveNewlines)
                {
                    builder.Append('\n');
                }

                continue;
            }

            if (removeControlCharacters && IsRemovable(rune))
            {
                continue;
            }

            var isSpace = rune.Value == '\t' || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;
            if (isSpace && collapseSpaces)
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                if (!(trim && newlines > 0) && !(trim && builder.Length == 0))
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
            }

            newlines = 0;
            builder.Append(isSpace && rune.Value != '\t' ? " " : rune.ToString());
        }

        var cleaned = builder.ToString();
        return TextVerdict.Rewrite(trim ? cleaned.Trim() : cleaned);
    }

    private static bool IsRemovable(Rune rune)
    {
        var value = rune.Value;
        if (value == '\t')
        {
            return false;
        }

        return Rune.IsControl(rune)
            || value is 0x200B or 0x200C or 0x200D or 0x2060 or 0xFEFF or 0x00AD;
    }

    private static void TrimEndOfLine(StringBuilder builder)
    {
        while (builder.Length > 0 && builder[^1] is ' ' or '\t')
        {
            builder.Length--;
        }
    }
}
