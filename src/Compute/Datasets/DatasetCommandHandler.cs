using Marten;
using NodaTime;
using PanguGraph.Compute.EventStore;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Spaces;

namespace PanguGraph.Compute.Datasets;

public static class DatasetCommandHandler
{
    public static async Task<CommandOutcome> Handle(EditDatasetDetails command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var stream = await session.FetchWritable<Dataset>(command.DatasetId, command.ExpectedVersion, cancellationToken);
        var space = stream.Aggregate is null ? null : await session.LoadSpaceAsync(stream.Aggregate.SpaceId, cancellationToken);
        if (stream.Aggregate is null || space is null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("dataset", command.DatasetId));
        }

        var decision = stream.Aggregate.EditDetails(
            command.Name, command.Description, command.Visibility, command.ExtendedInfo, space, command.Caller, clock.GetCurrentInstant());
        return session.Apply(stream, decision, command.Caller, command.DatasetId);
    }

    public static async Task<CommandOutcome> Handle(DeleteDataset command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var stream = await session.FetchWritable<Dataset>(command.DatasetId, command.ExpectedVersion, cancellationToken);
        var space = stream.Aggregate is null ? null : await session.LoadSpaceAsync(stream.Aggregate.SpaceId, cancellationToken);
        if (stream.Aggregate is null || space is null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("dataset", command.DatasetId));
        }

        var decision = stream.Aggregate.Delete(space, command.Caller, clock.GetCurrentInstant());
        return session.Apply(stream, decision, command.Caller, command.DatasetId);
    }
}
