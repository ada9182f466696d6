using System.Threading.Channels;
using GraphQL;
using GraphQL.Types;
using Marten;
using PanguGraph.GraphQL.Realtime;
using PanguGraph.GraphQL.Schema;
using PanguGraph.Projections.Annotation;

namespace PanguGraph.GraphQL.Annotation;

public static class AnnotationSubscriptions
{
    public static void AddSubscriptions(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<AnnotationProgressType>>("annotationTaskProgress")
            .Description(
                "Progress of a task: per-person counts, rejection rate, time in review and rework rounds. Sends the current " +
                "counts first, then every change (checked about once per second), and completes after the task completes.")
            .Argument<NonNullGraphType<IdGraphType>>("taskId")
            .ResolveStreamAsync(async ctx =>
            {
                var task = await AnnotationFields.FindTaskAsync(ctx, ctx.GetArgument<Guid>("taskId"));
                return new ProgressFollower(ctx.Service<IDocumentStore>(), ctx.Service<StreamChangeHub>(), task.Id);
            });
    }
}

/// <summary>
/// Follows a task's progress document, which the async daemon updates from many item streams.
/// There is no single stream to follow, so it polls the document once per second (and at once when
/// the task stream changes) and pushes each new state, identified by the last event it counted.
/// </summary>
public sealed class ProgressFollower(IDocumentStore store, StreamChangeHub hub, Guid taskId) : IObservable<object?>
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public IDisposable Subscribe(IObserver<object?> observer)
    {
        var cancellation = new CancellationTokenSource();
        var wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var registration = hub.Subscribe(taskId, _ => wakeups.Writer.TryWrite(true));
        _ = PumpAsync(observer, wakeups.Reader, cancellation.Token).ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        return new Unsubscriber(cancellation, registration);
    }

    private async Task PumpAsync(IObserver<object?> observer, ChannelReader<bool> wakeups, CancellationToken cancellationToken)
    {
        long lastSequence = -1;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await using (var session = store.QuerySession())
                {
                    var progress = await session.LoadAsync<AnnotationProgressView>(taskId, cancellationToken);
                    if (progress is not null && progress.LastSequence != lastSequence)
                    {
                        lastSequence = progress.LastSequence;
                        observer.OnNext(progress);
                        if (progress.Completed)
                        {
                            observer.OnCompleted();
                            return;
                        }
                    }
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(PollInterval);
                try
                {
                    await wakeups.ReadAsync(timeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Poll again.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client unsubscribed.
        }
        catch (Exception exception)
        {
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
