using System.Text;

namespace PanguGraph.Compute.Processing.Operators.Text.Analysis;

/// <summary>Measurements on one text that filters compare against thresholds and the quality score combines.</summary>
public static class TextSignals
{
    /// <summary>Share of non-space characters that are special (see <see cref="CharacterClasses.IsSpecial"/>); 0 for blank text.</summary>
    public static double SpecialCharacterRatio(string text)
    {
        var (counted, special) = (0, 0);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                continue;
            }

            counted++;
            if (CharacterClasses.IsSpecial(rune))
            {
                special++;
            }
        }

        return counted == 0 ? 0 : (double)special / counted;
    }

    /// <summary>Share of non-space characters that are CJK characters, letters or digits; 0 for blank text.</summary>
    public static double CjkAlphanumericRatio(string text)
    {
        var (counted, matching) = (0, 0);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                continue;
            }

            counted++;
            if (Rune.IsLetterOrDigit(rune) || CharacterClasses.IsCjk(rune))
            {
                matching++;
            }
        }

        return counted == 0 ? 0 : (double)matching / counted;
    }

    /// <summary>
    /// Share of character n-grams (over code points, whitespace included) that belong to an
    /// n-gram occurring more than once. A text shorter than n has no n-grams and scores 0.
    /// </summary>
    public static double RepeatedNgramRatio(string text, int ngramSize)
    {
        var runes = text.EnumerateRunes().ToArray();
        var total = runes.Length - ngramSize + 1;
        if (total <= 1)
        {
            return 0;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var builder = new StringBuilder();
        for (var start = 0; start < total; start++)
        {
            builder.Clear();
            for (var offset = 0; offset < ngramSize; offset++)
            {
                builder.Append(runes[start + offset].ToString());
            }

            var gram = builder.ToString();
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        var repeated = counts.Values.Where(count => count > 1).Sum();
        return (double)repeated / total;
    }
}
