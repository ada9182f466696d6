using System.Collections.Concurrent;
using System.Diagnostics;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using PanguGraph.Bench.Platform;
using PanguGraph.Bench.Reporting;
using PanguGraph.Domain.Importing;
using PanguGraph.Projections.Audit;
using StackExchange.Redis;

namespace PanguGraph.Bench.Realtime;

/// <summary>
/// Measures the time from an append's SaveChangesAsync returning to a WebSocket client receiving the
/// importTaskProgress message for it. The path is: Marten commit, Redis publish (RedisChangePublisher),
/// Redis subscriber, StreamFollower reading the event back, GraphQL execution, graphql-transport-ws.
/// The baseline is a bare Redis pub/sub round trip in the same process.
/// </summary>
public sealed class SubscriptionLatency(BenchNode node, int samples, string bucket)
{
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<long, TaskCompletionSource<long>> arrivals = new();

    public async Task<BenchResult> RunAsync()
    {
        var store = node.Services.GetRequiredService<IDocumentStore>();

        // The node runs no worker, so the task stays queued and only the events appended below reach its stream.
        var (spaceId, apiKey) = await node.CreateSpaceAsync();
        var taskId = await node.CreateImportTaskAsync(apiKey, spaceId, bucket, "data/");

        await using var client = await GraphQLWsClient.ConnectAsync(node.Host, apiKey);
        var receiver = ReceiveAsync(client);
        await client.SubscribeAsync("progress", """
            subscription($taskId: ID!) { importTaskProgress(taskId: $taskId) { eventType version } }
            """, new { taskId });

        long version;
        await using (var query = store.QuerySession())
        {
            version = (await query.Events.FetchStreamStateAsync(taskId))!.Version;
        }

        await ArrivalOf(version).Task.WaitAsync(ReceiveTimeout);

        // Warm-up appends (JIT, connection pools), not counted.
        for (var i = 0; i < 10; i++)
        {
            await AppendAndWaitAsync(store, taskId, ++version);
        }

        var latencies = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            latencies.Add(await AppendAndWaitAsync(store, taskId, ++version));
        }

        // ImportFailed completes the subscription, which ends the receiver. Cancelling a pending receive
        // instead would abort the TestServer WebSocket.
        await FinishTaskAsync(store, taskId, spaceId, version);
        await receiver.WaitAsync(ReceiveTimeout);

        var baseline = await MeasureRedisRoundTripsAsync(node.Services.GetRequiredService<IConnectionMultiplexer>(), samples);
        latencies.Sort();
        baseline.Sort();
        var p50 = Percentile(latencies, 0.50);
        var baselineP50 = Percentile(baseline, 0.50);
        Console.Error.WriteLine($"bench: subscription p50 {p50:0.00} ms, Redis round trip p50 {baselineP50:0.00} ms");
        return new BenchResult(
            "Subscription latency (importTaskProgress)",
            $"p50 {FormatMilliseconds(p50)} / p95 {FormatMilliseconds(Percentile(latencies, 0.95))} / p99 {FormatMilliseconds(Percentile(latencies, 0.99))} ms",
            $"p50 {FormatMilliseconds(baselineP50)} / p95 {FormatMilliseconds(Percentile(baseline, 0.95))} / p99 {FormatMilliseconds(Percentile(baseline, 0.99))} ms",
            ResultTable.FormatRatio(p50, baselineP50) + " (p50)",
            $"{samples} appends, one at a time, measured from SaveChangesAsync returning to the WebSocket message " +
            $"(max {FormatMilliseconds(latencies[^1])} ms); baseline: Redis PUBLISH to subscriber callback");
    }

    private async Task<double> AppendAndWaitAsync(IDocumentStore store, Guid taskId, long version)
    {
        var arrival = ArrivalOf(version);
        await using (var session = store.LightweightSession())
        {
            session.StampActor("bench");
            session.Events.Append(taskId, version, new ImportProgressed(taskId, 1, 0, version, version * 1024, SystemClock.Instance.GetCurrentInstant()));
            await session.SaveChangesAsync();
        }

        var saved = Stopwatch.GetTimestamp();
        var received = await arrival.Task.WaitAsync(ReceiveTimeout);
        // Negative when the message arrived before SaveChangesAsync returned, which the Redis publish inside the commit allows.
        return Stopwatch.GetElapsedTime(saved, received).TotalMilliseconds;
    }

    /// <summary>Ends the task with ImportFailed so the subscription completes and a later worker ignores the queued job.</summary>
    private static async Task FinishTaskAsync(IDocumentStore store, Guid taskId, Guid spaceId, long version)
    {
        await using var session = store.LightweightSession();
        session.StampActor("bench");
        session.Events.Append(taskId, version + 1, new ImportFailed(
            taskId, spaceId, 1, "BENCH_FINISHED",
            "This task only carried benchmark events and was closed by the benchmark.",
            "此任务仅用于承载基准测试事件，已由基准测试关闭。",
            null, null, SystemClock.Instance.GetCurrentInstant()));
        await session.SaveChangesAsync();
    }

    private async Task ReceiveAsync(GraphQLWsClient client)
    {
        while (await client.ReceiveAsync(CancellationToken.None) is { } message)
        {
            var now = Stopwatch.GetTimestamp();
            switch (message.GetProperty("type").GetString())
            {
                case "next":
                    var version = message.GetProperty("payload").GetProperty("data").GetProperty("importTaskProgress").GetProperty("version").GetInt64();
                    ArrivalOf(version).TrySetResult(now);
                    break;
                case "error":
                    throw new InvalidOperationException($"The subscription failed: {message}");
                case "complete":
                    return;
            }
        }
    }

    private TaskCompletionSource<long> ArrivalOf(long version) =>
        arrivals.GetOrAdd(version, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    private static async Task<List<double>> MeasureRedisRoundTripsAsync(IConnectionMultiplexer redis, int count)
    {
        var channel = RedisChannel.Literal($"pangu:bench:{Guid.NewGuid():N}");
        var subscriber = redis.GetSubscriber();
        TaskCompletionSource<long>? pending = null;
        await subscriber.SubscribeAsync(channel, (_, _) => pending?.TrySetResult(Stopwatch.GetTimestamp()));
        var results = new List<double>(count);
        try
        {
            for (var i = -10; i < count; i++)
            {
                pending = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                var sent = Stopwatch.GetTimestamp();
                await subscriber.PublishAsync(channel, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var received = await pending.Task.WaitAsync(ReceiveTimeout);
                if (i >= 0)
                {
                    results.Add(Stopwatch.GetElapsedTime(sent, received).TotalMilliseconds);
                }
            }
        }
        finally
        {
            await subscriber.UnsubscribeAsync(channel);
        }

        return results;
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string FormatMilliseconds(double milliseconds) => ResultTable.FormatNumber(milliseconds, 2);
}
