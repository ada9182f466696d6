using System.Buffers;
using System.Globalization;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace PanguGraph.GraphQL.Transport.Http;

/// <summary>A request rejected before execution, with its HTTP status and error code.</summary>
public sealed record HttpRequestFailure(int StatusCode, string Code, string Message);

/// <summary>Reads a GraphQL request from a POST body or from GET query parameters.</summary>
public sealed class HttpRequestParsing(IGraphQLTextSerializer serializer)
{
    /// <summary>
    /// Reads and parses a POST body of at most <paramref name="maxBytes"/> bytes. The body is
    /// read in chunks and abandoned as soon as it passes the limit, so an oversized body is
    /// never buffered whole.
    /// </summary>
    public async Task<(GraphQLRequest? Request, HttpRequestFailure? Failure)> ReadPostAsync(
        HttpRequest request, long maxBytes, CultureInfo culture, CancellationToken cancellationToken)
    {
        if (!IsJsonContentType(request.ContentType))
        {
            return (null, new(StatusCodes.Status415UnsupportedMediaType, TransportErrorCodes.UnsupportedMediaType,
                TransportMessages.Format(TransportMessage.UnsupportedContentType, culture, request.ContentType ?? "(none)")));
        }

        var tooLarge = new HttpRequestFailure(StatusCodes.Status413PayloadTooLarge, TransportErrorCodes.PayloadTooLarge,
            TransportMessages.Format(TransportMessage.BodyTooLarge, culture, maxBytes));
        if (request.ContentLength > maxBytes)
        {
            return (null, tooLarge);
        }

        var body = await ReadBoundedAsync(request.Body, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, tooLarge);
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            return (null, BadRequest(TransportMessages.Format(TransportMessage.MalformedJson, culture, exception.Message)));
        }

        using (json)
        {
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, BadRequest(TransportMessages.Format(TransportMessage.BodyNotObject, culture)));
            }

            var root = json.RootElement;
            var failure = CheckString(root, "query", culture, required: true)
                ?? CheckString(root, "operationName", culture, required: false)
                ?? CheckObject(root, "variables", culture)
                ?? CheckObject(root, "extensions", culture);
            if (failure is not null)
            {
                return (null, failure);
            }

            var graphQLRequest = new GraphQLRequest
            {
                Query = root.GetProperty("query").GetString(),
                OperationName = StringOrNull(root, "operationName"),
                Variables = InputsOrNull(root, "variables"),
                Extensions = InputsOrNull(root, "extensions"),
            };
            return (graphQLRequest, null);
        }
    }

    /// <summary>Reads <c>query</c>, <c>operationName</c>, <c>variables</c> and <c>extensions</c> (JSON text) from the query string.</summary>
    public (GraphQLRequest? Request, HttpRequestFailure? Failure) ReadGet(HttpRequest request, CultureInfo culture)
    {
        var parameters = request.Query;
        var query = parameters["query"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(query))
        {
            return (null, BadRequest(TransportMessages.Format(TransportMessage.MissingQuery, culture)));
        }

        var graphQLRequest = new GraphQLRequest
        {
            Query = query,
            OperationName = NullIfEmpty(parameters["operationName"].FirstOrDefault()),
        };

        foreach (var name in new[] { "variables", "extensions" })
        {
            var text = NullIfEmpty(parameters[name].FirstOrDefault());
            if (text is null)
            {
                continue;
            }

            Inputs? inputs;
            try
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                {
                    return (null, InvalidParameter(name, TransportMessages.JsonObjectShape(culture), culture));
                }

                inputs = serializer.Deserialize<Inputs>(text);
            }
            catch (JsonException exception)
            {
                return (null, BadRequest(TransportMessages.Format(TransportMessage.MalformedJson, culture, $"{name}: {exception.Message}")));
            }

            if (name == "variables")
            {
                graphQLRequest.Variables = inputs;
            }
            else
            {
                graphQLRequest.Extensions = inputs;
            }
        }

        return (graphQLRequest, null);
    }

    /// <summary>Accepts application/json with no charset or a UTF-8 charset.</summary>
    private static bool IsJsonContentType(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var charset = mediaType.Charset.Value;
        return charset is null
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Returns the body bytes, or null as soon as more than <paramref name="maxBytes"/> arrive.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private HttpRequestFailure? CheckString(JsonElement root, string name, CultureInfo culture, bool required)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? BadRequest(TransportMessages.Format(TransportMessage.MissingQuery, culture)) : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return InvalidParameter(name, TransportMessages.StringShape(culture), culture);
        }

        return required && string.IsNullOrWhiteSpace(value.GetString())
            ? BadRequest(TransportMessages.Format(TransportMessage.MissingQuery, culture))
            : null;
    }

    private static HttpRequestFailure? CheckObject(JsonElement root, string name, CultureInfo culture) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null)
            ? InvalidParameter(name, TransportMessages.JsonObjectShape(culture), culture)
            : null;

    private Inputs? InputsOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? serializer.Deserialize<Inputs>(value.GetRawText())
            : null;

    private static string? StringOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? NullIfEmpty(value.GetString()) : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static HttpRequestFailure InvalidParameter(string name, string shape, CultureInfo culture) =>
        BadRequest(TransportMessages.Format(TransportMessage.InvalidParameter, culture, name, shape));

    private static HttpRequestFailure BadRequest(string message) =>
        new(StatusCodes.Status400BadRequest, TransportErrorCodes.BadRequest, message);
}
