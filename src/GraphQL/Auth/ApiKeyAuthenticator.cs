using Marten;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Users;
using PanguGraph.GraphQL.Transport;
using PanguGraph.Projections.Users;

namespace PanguGraph.GraphQL.Auth;

/// <summary>
/// Authenticates a key by looking up its SHA-256 hash; the key itself is never stored or logged.
/// </summary>
public sealed class ApiKeyAuthenticator(IDocumentStore store) : IApiKeyAuthenticator
{
    public async ValueTask<Caller?> AuthenticateAsync(string apiKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(apiKey) || apiKey.Length > 256)
        {
            return null;
        }

        await using var session = store.QuerySession();
        var lookup = await session.LoadAsync<ApiKeyLookup>(ApiKeys.Hash(apiKey.Trim()), cancellationToken);
        if (lookup is null)
        {
            return null;
        }

        var user = await session.LoadAsync<UserView>(User.StreamIdFor(lookup.UserId), cancellationToken);
        return user is null ? null : new Caller(user.UserId, user.IsSuperAdmin);
    }
}
