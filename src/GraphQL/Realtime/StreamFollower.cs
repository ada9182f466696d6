using System.Threading.Channels;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;

namespace PanguGraph.GraphQL.Realtime;

/// <summary>
/// An observable over one event stream: first the stored events after a given version, then each
/// new event as change notices arrive. Events are read from the store, in version order, each
/// exactly once per subscription. Completes when <paramref name="isTerminal"/> says so.
/// </summary>
public sealed class StreamFollower<T>(
    IDocumentStore store,
    StreamChangeHub hub,
    ILogger logger,
    Guid streamId,
    long afterVersion,
    Func<IEvent, T?> map,
    Func<IEvent, bool> isTerminal) : IObservable<T>
{
    // Fallback poll in case a Redis notice was lost: at-most-once delivery is the contract of pub/sub.
    private static readonly TimeSpan SafetyPollInterval = TimeSpan.FromSeconds(5);

    public IDisposable Subscribe(IObserver<T> observer)
    {
        var cancellation = new CancellationTokenSource();
        var wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var registration = hub.Subscribe(streamId, _ => wakeups.Writer.TryWrite(true));
        _ = PumpAsync(observer, wakeups.Reader, cancellation.Token).ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        return new Unsubscriber(cancellation, registration);
    }

    private async Task PumpAsync(IObserver<T> observer, ChannelReader<bool> wakeups, CancellationToken cancellationToken)
    {
        var lastVersion = afterVersion;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await using var session = store.QuerySession();
                var events = await session.Events.FetchStreamAsync(streamId, fromVersion: lastVersion + 1, token: cancellationToken);
                foreach (var e in events.Where(e => e.Version > lastVersion).OrderBy(e => e.Version))
                {
                    lastVersion = e.Version;
                    var item = map(e);
                    if (item is not null)
                    {
                        observer.OnNext(item);
                    }

                    if (isTerminal(e))
                    {
                        observer.OnCompleted();
                        return;
                    }
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(SafetyPollInterval);
                try
                {
                    await wakeups.ReadAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Poll once more after the safety interval.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client unsubscribed.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Following stream {StreamId} failed after version {Version}", streamId, lastVersion);
            observer.OnError(exception);
        }
    }

    private sealed class Unsubscriber(CancellationTokenSource cancellation, IDisposable registration) : IDisposable
    {
        public void Dispose()
        {
            registration.Dispose();
            cancellation.Cancel();
        }
    }
}
