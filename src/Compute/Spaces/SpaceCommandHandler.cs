using Marten;
using NodaTime;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Spaces;
using PanguGraph.Domain.Users;
using PanguGraph.Compute.EventStore;
using PanguGraph.Projections.Audit;

namespace PanguGraph.Compute.Spaces;

// Wolverine handlers for space commands. Wolverine's transactional middleware commits the
// session after Handle returns (AutoApplyTransactions), so a rejected command appends nothing.
public static class SpaceCommandHandler
{
    public static CommandOutcome Handle(CreateSpace command, IDocumentSession session, IClock clock)
    {
        var decision = Space.Open(command.SpaceId, command.Name, command.Description, command.Caller, clock.GetCurrentInstant());
        if (decision.IsRejected)
        {
            return CommandOutcome.Rejected(decision.Error!);
        }

        session.StampActor(command.Caller.UserId);
        session.Events.StartStream<Space>(command.SpaceId, decision.Events.ToArray());
        return CommandOutcome.Done(command.SpaceId);
    }

    public static async Task<CommandOutcome> Handle(RenameSpace command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var stream = await session.FetchWritable<Space>(command.SpaceId, command.ExpectedVersion, cancellationToken);
        if (stream.Aggregate is null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("space", command.SpaceId));
        }

        var decision = stream.Aggregate.Rename(command.Name, command.Description, command.Caller, clock.GetCurrentInstant());
        return session.Apply(stream, decision, command.Caller, command.SpaceId);
    }

    public static async Task<CommandOutcome> Handle(AddMember command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Space>(command.SpaceId, cancellationToken);
        if (stream.Aggregate is null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("space", command.SpaceId));
        }

        var now = clock.GetCurrentInstant();
        var userError = User.ValidateUserId(command.UserId);
        if (userError is not null)
        {
            return CommandOutcome.Rejected(userError);
        }

        var decision = stream.Aggregate.AddMember(command.UserId, command.Role, command.Caller, now);
        if (decision.IsRejected)
        {
            return CommandOutcome.Rejected(decision.Error!);
        }

        // Unknown users are registered on the way, in the same transaction, so a membership never
        // points at a user that does not exist.
        var userStreamId = User.StreamIdFor(command.UserId);
        var user = await session.Events.FetchForWriting<User>(userStreamId, cancellationToken);
        if (user.Aggregate is null)
        {
            var registration = User.Register(command.UserId, command.DisplayName, false, command.Caller.UserId, now);
            if (registration.IsRejected)
            {
                return CommandOutcome.Rejected(registration.Error!);
            }

            user.AppendMany(registration.Events.ToArray());
        }

        return session.Apply(stream, decision, command.Caller, command.SpaceId);
    }

    public static async Task<CommandOutcome> Handle(RemoveMember command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Space>(command.SpaceId, cancellationToken);
        if (stream.Aggregate is null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("space", command.SpaceId));
        }

        var decision = stream.Aggregate.RemoveMember(command.UserId, command.Caller, clock.GetCurrentInstant());
        return session.Apply(stream, decision, command.Caller, command.SpaceId);
    }
}
