namespace PanguGraph.Domain.Common;

/// <summary>
/// The outcome of a decision: either the events to append (possibly none, for an idempotent
/// repeat) or a rejection. Decisions never perform I/O.
/// </summary>
public readonly record struct Decision(IReadOnlyList<object> Events, DomainError? Error)
{
    public bool IsRejected => Error is not null;

    public static Decision Accept(params object[] events) => new(events, null);

    public static Decision Reject(DomainError error) => new([], error);

    public static implicit operator Decision(DomainError error) => Reject(error);
}
