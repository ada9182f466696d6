using System.Text.Json;
using Marten;
using Marten.Services;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace PanguGraph.GraphQL.Realtime;

/// <summary>
/// Publishes a change notice to Redis after every commit that appended events, from whichever
/// node committed (API node or worker). Redis pub/sub is at-most-once; subscribers recover
/// missed events from the event store.
/// </summary>
public sealed class RedisChangePublisher(IConnectionMultiplexer redis, ILogger<RedisChangePublisher> logger) : DocumentSessionListenerBase
{
    public const string Channel = "pangu:stream-changes";

    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var notices = commit.GetEvents()
            .GroupBy(e => e.StreamId)
            .Select(g => new StreamChanged(g.Key, g.Max(e => e.Version)))
            .ToList();
        if (notices.Count == 0)
        {
            return;
        }

        try
        {
            var subscriber = redis.GetSubscriber();
            foreach (var notice in notices)
            {
                await subscriber.PublishAsync(RedisChannel.Literal(Channel), JsonSerializer.Serialize(notice));
            }
        }
        catch (RedisException exception)
        {
            // The events are committed; live subscribers catch up on their next notice or reconnect.
            logger.LogWarning(exception, "Publishing {Count} stream change notices to Redis failed", notices.Count);
        }
    }
}

/// <summary>
/// Receives change notices from Redis and hands them to this node's subscriptions.
/// </summary>
public sealed class RedisChangeSubscriber(IConnectionMultiplexer redis, StreamChangeHub hub, ILogger<RedisChangeSubscriber> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var channel = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisChangePublisher.Channel));
        channel.OnMessage(message =>
        {
            try
            {
                var notice = JsonSerializer.Deserialize<StreamChanged>(message.Message.ToString());
                if (notice is not null)
                {
                    hub.Publish(notice);
                }
            }
            catch (JsonException exception)
            {
                logger.LogWarning(exception, "Ignored a malformed stream change notice from Redis");
            }
        });
        logger.LogInformation("Subscribed to Redis channel {Channel}", RedisChangePublisher.Channel);
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        redis.GetSubscriber().UnsubscribeAsync(RedisChannel.Literal(RedisChangePublisher.Channel));
}
