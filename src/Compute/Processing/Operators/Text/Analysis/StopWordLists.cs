namespace PanguGraph.Compute.Processing.Operators.Text.Analysis;

/// <summary>
/// Small Chinese and English stop word lists written for this project (see the embedded
/// StopWords/*.txt files). They hold function words only, enough to tell prose from keyword lists.
/// </summary>
public static class StopWordLists
{
    private static readonly Lazy<IReadOnlySet<string>> ChineseWords = new(() => Load("zh.txt"));
    private static readonly Lazy<IReadOnlySet<string>> EnglishWords = new(() => Load("en.txt"));

    public static IReadOnlySet<string> Chinese => ChineseWords.Value;

    public static IReadOnlySet<string> English => EnglishWords.Value;

    /// <summary>Share of words that are stop words, using the Chinese list when <paramref name="language"/> is zh or (auto and the text contains Han characters).</summary>
    public static double Ratio(string text, IReadOnlyList<string> words, string language)
    {
        if (words.Count == 0)
        {
            return 0;
        }

        var useChinese = language == "zh" || (language == "auto" && CharacterClasses.ContainsHan(text));
        var list = useChinese ? Chinese : English;
        var hits = words.Count(word => list.Contains(word.ToLowerInvariant()));
        return (double)hits / words.Count;
    }

    private static IReadOnlySet<string> Load(string fileName)
    {
        var assembly = typeof(StopWordLists).Assembly;
        var resourceName = assembly.GetManifestResourceNames().Single(name => name.EndsWith(".StopWords." + fileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var word = line.Trim();
            if (word.Length > 0 && !word.StartsWith('#'))
            {
                words.Add(word);
            }
        }

        return words;
    }
}
