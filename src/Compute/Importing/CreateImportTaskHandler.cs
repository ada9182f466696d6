using PanguGraph.Compute.EventStore;
using Marten;
using NodaTime;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Importing;
using PanguGraph.Domain.Spaces;
using PanguGraph.Projections.Audit;
using Wolverine;

namespace PanguGraph.Compute.Importing;

public static class CreateImportTaskHandler
{
    /// <summary>
    /// Records the task and queues its job in one transaction: Wolverine's outbox sends the
    /// RunImport message only if the task's events were committed.
    /// </summary>
    public static async Task<(CommandOutcome, OutgoingMessages)> Handle(
        CreateImportTask command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var messages = new OutgoingMessages();
        var space = await session.LoadSpaceAsync(command.SpaceId, cancellationToken);
        if (space is null)
        {
            return (CommandOutcome.Rejected(Errors.NotFound("space", command.SpaceId)), messages);
        }

        var request = new ImportTaskCreated(
            command.TaskId,
            command.SpaceId,
            Guid.NewGuid(),
            command.DatasetName,
            command.Description,
            command.Modality,
            command.Format,
            command.Source with { Bucket = command.Source.Bucket.Trim(), Prefix = command.Source.Prefix?.Trim() },
            command.Visibility,
            command.ExtendedInfo,
            command.Caller.UserId,
            clock.GetCurrentInstant());
        var decision = ImportTask.Open(request, space, command.Caller);
        if (decision.IsRejected)
        {
            return (CommandOutcome.Rejected(decision.Error!), messages);
        }

        session.StampActor(command.Caller.UserId);
        session.Events.StartStream<ImportTask>(command.TaskId, decision.Events.ToArray());
        messages.Add(new RunImport(command.TaskId));
        return (CommandOutcome.Done(command.TaskId), messages);
    }
}
