using System.Globalization;
using Microsoft.AspNetCore.Http.Headers;

namespace PanguGraph.GraphQL.Transport;

/// <summary>
/// Chooses the response culture from Accept-Language. Every <c>zh</c> tag (zh, zh-CN, zh-Hans,
/// zh-TW …) maps to zh-CN, every <c>en</c> tag to en; the first supported tag by quality wins,
/// and a header without one gives en.
/// </summary>
public static class RequestCulture
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static CultureInfo FromHeaders(RequestHeaders headers)
    {
        IList<Microsoft.Net.Http.Headers.StringWithQualityHeaderValue> languages;
        try
        {
            languages = headers.AcceptLanguage;
        }
        catch (FormatException)
        {
            return English;
        }

        var ordered = languages
            .Where(language => (language.Quality ?? 1) > 0)
            .OrderByDescending(language => language.Quality ?? 1);
        foreach (var language in ordered)
        {
            var tag = language.Value.Value ?? "";
            if (HasPrimaryTag(tag, "zh"))
            {
                return Chinese;
            }

            if (HasPrimaryTag(tag, "en"))
            {
                return English;
            }
        }

        return English;
    }

    public static bool IsChinese(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName.Equals("zh", StringComparison.OrdinalIgnoreCase);

    private static bool HasPrimaryTag(string tag, string primary) =>
        tag.Equals(primary, StringComparison.OrdinalIgnoreCase)
        || tag.StartsWith(primary + "-", StringComparison.OrdinalIgnoreCase);
}
