using System.Text;
using JiebaNet.Segmenter;

namespace PanguGraph.Compute.Processing.Operators.Text.Analysis;

/// <summary>
/// Splits text into words: jieba.NET (precise mode with HMM) when the text contains Chinese,
/// whitespace otherwise. Only tokens with at least one letter, digit or CJK character count as
/// words, so punctuation and spaces are dropped.
/// </summary>
public static class JiebaWordSegmenter
{
    /// <summary>Folder in the output directory that contains the jieba dictionaries (copied by the Compute project file).</summary>
    public const string DictionaryFolder = "Jieba";

    private static readonly Lazy<JiebaSegmenter> Segmenter = new(CreateSegmenter, LazyThreadSafetyMode.ExecutionAndPublication);

    // NOTE: jieba.NET 0.42.2 does not document whether Cut is thread-safe, so calls are serialised.
    private static readonly Lock CutLock = new();

    public static IReadOnlyList<string> Words(string text)
    {
        IEnumerable<string> tokens;
        if (CharacterClasses.ContainsHan(text))
        {
            lock (CutLock)
            {
                tokens = Segmenter.Value.Cut(text, cutAll: false, hmm: true).ToList();
            }
        }
        else
        {
            tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        }

        return tokens.Where(IsWord).ToList();
    }

    private static bool IsWord(string token) =>
        token.EnumerateRunes().Any(rune => Rune.IsLetterOrDigit(rune) || CharacterClasses.IsCjk(rune));

    private static JiebaSegmenter CreateSegmenter()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, DictionaryFolder);
        if (!File.Exists(Path.Combine(folder, "dict.txt")))
        {
            throw new FileNotFoundException(
                $"The jieba dictionary is missing from '{folder}'. It is copied there by building PanguGraph.Compute; rebuild the project that runs the operators.",
                Path.Combine(folder, "dict.txt"));
        }

        ConfigManager.ConfigFileBaseDir = folder;
        return new JiebaSegmenter();
    }
}
