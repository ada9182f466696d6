using Marten;
using NodaTime;
using PanguGraph.Compute.EventStore;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Spaces;
using PanguGraph.Domain.Users;
using PanguGraph.Projections.Spaces;

namespace PanguGraph.Compute.Users;

public static class UserCommandHandler
{
    public static async Task<CommandOutcome> Handle(IssueApiKey command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<User>(User.StreamIdFor(command.UserId), cancellationToken);
        if (stream.Aggregate is null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("user", command.UserId));
        }

        var mayManage = await AdministersAnySpaceOf(session, command.Caller, command.UserId, cancellationToken);
        var key = ApiKeys.Generate();
        var keyId = Guid.NewGuid();
        var decision = stream.Aggregate.IssueApiKey(
            keyId, ApiKeys.Hash(key), ApiKeys.DisplayPrefix(key), command.Label, command.Caller, mayManage, clock.GetCurrentInstant());
        var outcome = session.Apply(stream, decision, command.Caller, keyId);
        return outcome.Error is null ? CommandOutcome.Done(keyId, key) : outcome;
    }

    public static async Task<CommandOutcome> Handle(RevokeApiKey command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<User>(User.StreamIdFor(command.UserId), cancellationToken);
        if (stream.Aggregate is null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("user", command.UserId));
        }

        var mayManage = await AdministersAnySpaceOf(session, command.Caller, command.UserId, cancellationToken);
        var decision = stream.Aggregate.RevokeApiKey(command.KeyId, command.Caller, mayManage, clock.GetCurrentInstant());
        return session.Apply(stream, decision, command.Caller, command.KeyId);
    }

    /// <summary>
    /// Whether the caller is an admin of some space the user belongs to; such admins manage the
    /// keys of their members.
    /// </summary>
    private static async Task<bool> AdministersAnySpaceOf(IQuerySession session, Caller caller, string userId, CancellationToken cancellationToken)
    {
        var spaces = await session.Query<SpaceView>()
            .Where(s => s.MemberIds.Contains(userId) && s.MemberIds.Contains(caller.UserId))
            .ToListAsync(cancellationToken);
        return spaces.Any(s => s.RoleOf(caller.UserId) == Role.Admin);
    }
}
