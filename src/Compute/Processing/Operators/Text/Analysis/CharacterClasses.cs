using System.Globalization;
using System.Text;

namespace PanguGraph.Compute.Processing.Operators.Text.Analysis;

/// <summary>Character classes the text filters and the quality score count.</summary>
public static class CharacterClasses
{
    // Punctuation that ordinary Chinese and English prose uses; other punctuation and all
    // symbols count as special characters.
    private const string CommonPunctuation = ".,!?;:'\"()[]-/%&@#，。！？；：、“”‘’（）《》【】…—·「」『』〈〉";

    /// <summary>Han ideographs, kana and Hangul (the CJK scripts), by Unicode block.</summary>
    public static bool IsCjk(Rune rune)
    {
        var value = rune.Value;
        return value is >= 0x4E00 and <= 0x9FFF       // CJK Unified Ideographs
            or >= 0x3400 and <= 0x4DBF                 // Extension A
            or >= 0x20000 and <= 0x2EBEF               // Extensions B to F
            or >= 0xF900 and <= 0xFAFF                 // Compatibility Ideographs
            or >= 0x3040 and <= 0x30FF                 // Hiragana and Katakana
            or >= 0xAC00 and <= 0xD7AF;                // Hangul syllables
    }

    /// <summary>Han ideographs only (the script of Chinese text).</summary>
    public static bool IsHan(Rune rune)
    {
        var value = rune.Value;
        return value is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF or >= 0x20000 and <= 0x2EBEF or >= 0xF900 and <= 0xFAFF;
    }

    public static bool ContainsHan(string text) => text.EnumerateRunes().Any(IsHan);

    public static bool IsSpecial(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune) || Rune.IsLetterOrDigit(rune) || IsCjk(rune))
        {
            return false;
        }

        if (rune.IsBmp && CommonPunctuation.Contains((char)rune.Value))
        {
            return false;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category != UnicodeCategory.NonSpacingMark && category != UnicodeCategory.SpacingCombiningMark;
    }

    public static int CountCharacters(string text) => text.EnumerateRunes().Count();
}
