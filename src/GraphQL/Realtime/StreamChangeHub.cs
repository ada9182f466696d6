using System.Collections.Concurrent;

namespace PanguGraph.GraphQL.Realtime;

/// <summary>
/// A change notice: stream X has events up to (at least) Version. Subscribers read the events
/// themselves from the event store, so a duplicated notice repeats no event, and a lost one only delays
/// events until the next notice or the follower's periodic poll.
/// </summary>
public sealed record StreamChanged(Guid StreamId, long Version);

/// <summary>
/// In-process fan-out of change notices received from Redis to the subscriptions of this node.
/// </summary>
public sealed class StreamChangeHub
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Guid, Action<StreamChanged>>> subscribers = new();

    public IDisposable Subscribe(Guid streamId, Action<StreamChanged> onChanged)
    {
        var token = Guid.NewGuid();
        subscribers.GetOrAdd(streamId, _ => new()).TryAdd(token, onChanged);
        return new Subscription(() =>
        {
            if (subscribers.TryGetValue(streamId, out var handlers))
            {
                handlers.TryRemove(token, out _);
            }
        });
    }

    private long noticesReceived;

    /// <summary>Notices received by this node since start, for diagnostics and tests.</summary>
    public long NoticesReceived => Interlocked.Read(ref noticesReceived);

    public void Publish(StreamChanged notice)
    {
        Interlocked.Increment(ref noticesReceived);
        if (!subscribers.TryGetValue(notice.StreamId, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers.Values)
        {
            handler(notice);
        }
    }

    public int SubscriberCount => subscribers.Values.Sum(h => h.Count);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
