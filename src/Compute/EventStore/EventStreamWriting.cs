using Marten;
using JasperFx.Events;
using PanguGraph.Domain.Common;
using PanguGraph.Projections.Audit;

namespace PanguGraph.Compute.EventStore;

/// <summary>
/// The load-decide-append steps every command handler shares.
/// </summary>
public static class EventStreamWriting
{
    /// <summary>
    /// Loads a stream for writing. With an expected version, Marten rejects the commit when the
    /// stream moved on since the caller read it (optimistic concurrency).
    /// </summary>
    public static Task<IEventStream<T>> FetchWritable<T>(this IDocumentSession session, Guid id, long? expectedVersion, CancellationToken cancellationToken)
        where T : class =>
        expectedVersion is { } version
            ? session.Events.FetchForWriting<T>(id, version, cancellationToken)
            : session.Events.FetchForWriting<T>(id, cancellationToken);

    public static CommandOutcome Apply<T>(this IDocumentSession session, IEventStream<T> stream, Decision decision, Caller caller, Guid id)
        where T : class
    {
        if (decision.IsRejected)
        {
            return CommandOutcome.Rejected(decision.Error!);
        }

        if (decision.Events.Count > 0)
        {
            session.StampActor(caller.UserId);
            stream.AppendMany(decision.Events.ToArray());
        }

        return CommandOutcome.Done(id);
    }
}
