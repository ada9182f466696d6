using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using PanguGraph.Compute.Storage;
using StackExchange.Redis;

namespace PanguGraph.GraphQL.Operations;

public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is unreachable.", exception);
        }
    }
}

public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:F1} ms");
        }
        catch (RedisException exception)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable.", exception);
        }
    }
}

public sealed class StorageHealthCheck(IObjectStorage storage, IOptions<StorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var bucket = options.Value.PlatformBucket;
            return await storage.BucketExistsAsync(bucket, cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"The platform bucket '{bucket}' does not exist.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Object storage is unreachable.", exception);
        }
    }
}

/// <summary>
/// Ready only while every asynchronous projection trails the event store by at most
/// <see cref="ProjectionLagOptions.MaxLagEvents"/> events.
/// </summary>
public sealed class ProjectionLagHealthCheck(IDocumentStore store, IOptions<ProjectionLagOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statistics = await store.Advanced.FetchEventStoreStatistics(token: cancellationToken);
        var progress = await store.Advanced.AllProjectionProgress(token: cancellationToken);
        var head = statistics.EventSequenceNumber;
        var shards = progress.Where(p => !p.ShardName.Contains("HighWaterMark", StringComparison.OrdinalIgnoreCase)).ToList();
        var lag = shards.Count == 0 ? head : head - shards.Min(p => p.Sequence);
        var data = new Dictionary<string, object> { ["headSequence"] = head, ["lagEvents"] = lag };
        return lag <= options.Value.MaxLagEvents
            ? HealthCheckResult.Healthy($"projection lag {lag} events", data)
            : HealthCheckResult.Unhealthy($"projection lag {lag} events exceeds {options.Value.MaxLagEvents}", data: data);
    }
}

public sealed class ProjectionLagOptions
{
    /// <summary>Largest tolerated lag of async projections, in events. Default 10,000.</summary>
    public long MaxLagEvents { get; set; } = 10_000;
}
