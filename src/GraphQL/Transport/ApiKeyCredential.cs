using Microsoft.AspNetCore.Http;
using PanguGraph.Domain.Common;

namespace PanguGraph.GraphQL.Transport;

/// <summary>
/// The API key a client presented, read from <c>Authorization: Bearer &lt;key&gt;</c> or
/// <c>X-Api-Key: &lt;key&gt;</c> (HTTP) or from the <c>connection_init</c> payload (WebSocket).
/// </summary>
public readonly record struct ApiKeyCredential(string? ApiKey, string? UnsupportedScheme)
{
    public const string ApiKeyHeader = "X-Api-Key";
    private const string BearerPrefix = "Bearer ";

    public static ApiKeyCredential None => new(null, null);

    public bool IsPresent => ApiKey is not null || UnsupportedScheme is not null;

    public static ApiKeyCredential FromHeaders(IHeaderDictionary headers)
    {
        var authorization = headers.Authorization.ToString();
        if (!string.IsNullOrWhiteSpace(authorization))
        {
            return FromAuthorization(authorization);
        }

        var apiKey = headers[ApiKeyHeader].ToString().Trim();
        return apiKey.Length > 0 ? new(apiKey, null) : None;
    }

    /// <summary>Parses an Authorization value; only the Bearer scheme (any letter case) carries a key.</summary>
    public static ApiKeyCredential FromAuthorization(string authorization)
    {
        var value = authorization.Trim();
        if (value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var key = value[BearerPrefix.Length..].Trim();
            return key.Length > 0 ? new(key, null) : new(null, "Bearer");
        }

        var scheme = value.Split(' ', 2)[0];
        return new(null, scheme);
    }
}

/// <summary>Outcome of checking a credential: anonymous, a known caller, or a rejection.</summary>
public sealed record AuthenticationOutcome(Caller? Caller, TransportMessage? Rejection, object[] RejectionArguments)
{
    public bool IsRejected => Rejection is not null;

    public static async ValueTask<AuthenticationOutcome> AuthenticateAsync(
        ApiKeyCredential credential, IApiKeyAuthenticator authenticator, CancellationToken cancellationToken)
    {
        if (credential.UnsupportedScheme is { } scheme)
        {
            // A key sent without "Bearer " arrives here as the scheme; never echo a secret back.
            var shown = scheme.Length <= 16 && !scheme.StartsWith("pg_", StringComparison.Ordinal) ? scheme : scheme[..Math.Min(3, scheme.Length)] + "…";
            return new(null, TransportMessage.UnsupportedAuthorizationScheme, [shown]);
        }

        if (credential.ApiKey is not { } apiKey)
        {
            return new(null, null, []);
        }

        var caller = await authenticator.AuthenticateAsync(apiKey, cancellationToken);
        return caller is null
            ? new(null, TransportMessage.UnknownApiKey, [])
            : new(caller, null, []);
    }
}
