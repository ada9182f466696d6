using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PanguGraph.GraphQL.Transport.Http;

/// <summary>Response media types of the GraphQL-over-HTTP specification.</summary>
public enum ResponseMediaType
{
    /// <summary><c>application/graphql-response+json</c>: request errors get 4xx status codes.</summary>
    GraphQLResponseJson,

    /// <summary><c>application/json</c>: the legacy type, where every GraphQL response is 200.</summary>
    Json,
}

/// <summary>Accept-header negotiation between the two GraphQL response media types.</summary>
public static class ResponseMediaTypeNegotiation
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// Picks the accepted type with the higher quality, preferring graphql-response+json on a
    /// tie. Wildcards (<c>*/*</c>, <c>application/*</c>) and a missing Accept header select
    /// application/json, as the specification recommends while legacy clients are common (the
    /// graphql-http 1.23.1 audit suite checks it). Returns null when neither type is acceptable.
    /// </summary>
    public static ResponseMediaType? Negotiate(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        if (string.IsNullOrWhiteSpace(accept))
        {
            return ResponseMediaType.Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges))
        {
            return ResponseMediaType.Json;
        }

        var graphQLQuality = QualityFor(ranges, GraphQLResponseJson, matchWildcards: false);
        var jsonQuality = QualityFor(ranges, Json, matchWildcards: true);
        if (graphQLQuality > 0 && graphQLQuality >= jsonQuality)
        {
            return ResponseMediaType.GraphQLResponseJson;
        }

        return jsonQuality > 0 ? ResponseMediaType.Json : null;
    }

    /// <summary>True when the client lists text/html explicitly, as browsers do for page loads.</summary>
    public static bool AcceptsHtml(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges)
        && ranges.Any(range => range.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)
            && (range.Quality ?? 1) > 0);

    public static string ContentTypeOf(ResponseMediaType mediaType) => mediaType switch
    {
        ResponseMediaType.GraphQLResponseJson => GraphQLResponseJson + "; charset=utf-8",
        _ => Json + "; charset=utf-8",
    };

    /// <summary>
    /// Quality of the most specific range that matches <paramref name="mediaType"/>: an exact
    /// match beats <c>application/*</c>, which beats <c>*/*</c>.
    /// </summary>
    private static double QualityFor(IList<MediaTypeHeaderValue> ranges, string mediaType, bool matchWildcards)
    {
        var exact = ranges.Where(range => range.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exact.Count > 0)
        {
            return exact.Max(range => range.Quality ?? 1);
        }

        if (!matchWildcards)
        {
            return 0;
        }

        var subtypeWildcard = ranges.Where(range => range.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)).ToList();
        if (subtypeWildcard.Count > 0)
        {
            return subtypeWildcard.Max(range => range.Quality ?? 1);
        }

        var anyType = ranges.Where(range => range.MediaType.Equals("*/*", StringComparison.Ordinal)).ToList();
        return anyType.Count > 0 ? anyType.Max(range => range.Quality ?? 1) : 0;
    }
}
