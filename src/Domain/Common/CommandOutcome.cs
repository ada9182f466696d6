namespace PanguGraph.Domain.Common;

/// <summary>
/// What a command handler returns to the API: the id of the changed object, or the rejection.
/// Secret carries a value shown to the caller exactly once (a new API key) and is never stored.
/// </summary>
public sealed record CommandOutcome(Guid? Id, DomainError? Error, string? Secret = null)
{
    public static CommandOutcome Done(Guid id, string? secret = null) => new(id, null, secret);

    public static CommandOutcome Rejected(DomainError error) => new(null, error);
}
