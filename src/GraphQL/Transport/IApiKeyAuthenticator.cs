using PanguGraph.Domain.Common;

namespace PanguGraph.GraphQL.Transport;

/// <summary>
/// Resolves a presented API key to its caller, or null when the key is unknown or revoked.
/// </summary>
public interface IApiKeyAuthenticator
{
    ValueTask<Caller?> AuthenticateAsync(string apiKey, CancellationToken cancellationToken);
}
