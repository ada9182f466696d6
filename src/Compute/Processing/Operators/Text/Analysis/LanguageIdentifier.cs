using Lingua;

namespace PanguGraph.Compute.Processing.Operators.Text.Analysis;

/// <summary>Detected language code (zh, en or other) and the detector's confidence from 0 to 1.</summary>
public sealed record LanguageGuess(string Language, double Score);

/// <summary>
/// Identifies zh, en or other with Lingua (SearchPioneer.Lingua 2.0.0, n-gram language models).
/// Lingua picks among a fixed set of candidates, so besides Chinese and English the set contains
/// widespread languages that would otherwise be mistaken for one of them. Any of those maps to
/// "other". The Compute project copies only these languages' models into the output folder.
/// </summary>
public static class LanguageIdentifier
{
    private static readonly Language[] Candidates =
    [
        Language.Chinese, Language.English, Language.Japanese, Language.Korean, Language.French, Language.German,
        Language.Spanish, Language.Portuguese, Language.Italian, Language.Russian, Language.Arabic,
    ];

    private static readonly Lazy<LanguageDetector> Detector = new(
        () => LanguageDetectorBuilder.FromLanguages(Candidates).Build(),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Characters of a text that the detector reads. Detection cost grows with the text's length,
    /// while a few hundred characters already identify zh and en reliably, so longer texts (e-mails,
    /// documents) are judged by their first 500 characters.
    /// </summary>
    public const int MaxCharactersRead = 500;

    public static LanguageGuess Identify(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new LanguageGuess("other", 0);
        }

        var sample = text.Length > MaxCharactersRead ? text[..MaxCharactersRead] : text;
        var confidences = Detector.Value.ComputeLanguageConfidenceValues(sample);
        var best = confidences.MaxBy(pair => pair.Value);
        if (best.Key == Language.Unknown || best.Value <= 0)
        {
            return new LanguageGuess("other", 0);
        }

        var code = best.Key switch
        {
            Language.Chinese => "zh",
            Language.English => "en",
            _ => "other",
        };
        return new LanguageGuess(code, Math.Round(best.Value, 4));
    }
}
