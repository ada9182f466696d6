using Marten;
using Microsoft.Extensions.Options;
using NodaTime;
using PanguGraph.Compute.Storage;
using PanguGraph.Domain.Users;
using PanguGraph.Projections.Audit;
using PanguGraph.Projections.Users;

namespace PanguGraph.GraphQL.Operations;

public sealed class BootstrapOptions
{
    /// <summary>Login id of the platform's first super admin. Default "admin".</summary>
    public string AdminUserId { get; set; } = "admin";

    /// <summary>
    /// API key of the first super admin. When set, start-up makes sure that user exists and that
    /// this key is valid for it. Empty: no bootstrap.
    /// </summary>
    public string? AdminApiKey { get; set; }
}

/// <summary>
/// Prepares an empty platform at start-up: the platform bucket and, when configured, the first
/// super admin and its API key. Idempotent, so every node may run it on every start.
/// </summary>
public sealed class AdminBootstrap(
    IDocumentStore store,
    IObjectStorage storage,
    IOptions<StorageOptions> storageOptions,
    IOptions<BootstrapOptions> options,
    IClock clock,
    ILogger<AdminBootstrap> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureBucketAsync(storageOptions.Value.PlatformBucket, cancellationToken);

        var key = options.Value.AdminApiKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            return;
        }

        var userId = options.Value.AdminUserId;
        var streamId = User.StreamIdFor(userId);
        await using var session = store.LightweightSession();
        session.StampActor("system");
        var stream = await session.Events.FetchForWriting<User>(streamId, cancellationToken);
        var now = clock.GetCurrentInstant();
        var user = stream.Aggregate;
        if (user is null)
        {
            var registered = (UserRegistered)User.Register(userId, "Administrator", true, "system", now).Events.Single();
            stream.AppendOne(registered);
            user = User.Evolve(null, registered)!;
            logger.LogInformation("Registered bootstrap super admin {UserId}", userId);
        }

        var hash = ApiKeys.Hash(key.Trim());
        if (await session.LoadAsync<ApiKeyLookup>(hash, cancellationToken) is null)
        {
            var decision = user.IssueApiKey(Guid.NewGuid(), hash, ApiKeys.DisplayPrefix(key), "bootstrap", new("system", true), true, now);
            stream.AppendMany(decision.Events.ToArray());
            logger.LogInformation("Registered the bootstrap API key for {UserId}", userId);
        }

        await session.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
