using PanguGraph.Compute.EventStore;
using Marten;
using NodaTime;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Importing;
using PanguGraph.Domain.Processing.Pipelines;
using PanguGraph.Domain.Processing.Tasks;
using PanguGraph.Domain.Spaces;
using PanguGraph.Projections.Audit;
using PanguGraph.Projections.Importing;
using Wolverine;

namespace PanguGraph.Compute.Processing.Tasks;

public static class ProcessingTaskCommandHandler
{
    /// <summary>
    /// Records the task and queues its planning job in one transaction (Wolverine's outbox sends
    /// PlanProcessingTask only if the task's events were committed).
    /// </summary>
    public static async Task<(CommandOutcome, OutgoingMessages)> Handle(StartProcessingTask command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var messages = new OutgoingMessages();
        var space = await session.LoadSpaceAsync(command.SpaceId, cancellationToken);
        if (space is null)
        {
            return (CommandOutcome.Rejected(Errors.NotFound("space", command.SpaceId)), messages);
        }

        var dataset = await session.Events.AggregateStreamAsync<Dataset>(command.DatasetId, token: cancellationToken);
        var content = dataset is null
            ? null
            : (await session.Events.FetchStreamAsync(command.DatasetId, token: cancellationToken)).Select(e => DatasetContent.FromCreation(e.Data)).FirstOrDefault(c => c is not null);
        var importing = dataset is null && await session.Query<ImportTaskView>()
            .AnyAsync(t => t.DatasetId == command.DatasetId && t.SpaceId == command.SpaceId && (t.Status == ImportStatus.Queued || t.Status == ImportStatus.Running), cancellationToken);
        var pipeline = await session.Events.AggregateStreamAsync<Pipeline>(command.PipelineId, token: cancellationToken);
        var pipelineVersion = pipeline is null ? 0 : (await session.Events.FetchStreamStateAsync(command.PipelineId, cancellationToken))?.Version ?? 0;

        var decision = ProcessingTask.Open(command, space, dataset, content, importing, pipeline, pipelineVersion, clock.GetCurrentInstant());
        if (decision.IsRejected)
        {
            return (CommandOutcome.Rejected(decision.Error!), messages);
        }

        session.StampActor(command.Caller.UserId);
        session.Events.StartStream<ProcessingTask>(command.TaskId, decision.Events.ToArray());
        messages.Add(new PlanProcessingTask(command.TaskId));
        return (CommandOutcome.Done(command.TaskId), messages);
    }

    public static async Task<CommandOutcome> Handle(StopProcessingTask command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var (stream, space) = await LoadAsync(session, command.TaskId, cancellationToken);
        if (stream?.Aggregate is null || space is null || space.Authorize(command.Caller, Permission.ReadSpace) is not null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("processing task", command.TaskId));
        }

        var decision = stream.Aggregate.RequestStop(space, command.Caller, clock.GetCurrentInstant());
        if (decision.IsRejected)
        {
            return CommandOutcome.Rejected(decision.Error!);
        }

        session.StampActor(command.Caller.UserId);
        stream.AppendMany(decision.Events.ToArray());
        return CommandOutcome.Done(command.TaskId);
    }

    public static async Task<CommandOutcome> Handle(GenerateProcessedDataset command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var (stream, space) = await LoadAsync(session, command.TaskId, cancellationToken);
        if (stream?.Aggregate is null || space is null || space.Authorize(command.Caller, Permission.ReadSpace) is not null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("processing task", command.TaskId));
        }

        var (output, error) = stream.Aggregate.PrepareGeneration(command.Output, space, command.Caller);
        if (error is not null)
        {
            return CommandOutcome.Rejected(error);
        }

        session.StampActor(command.Caller.UserId);
        stream.AppendOne(ProcessedDatasets.Generate(session, stream.Aggregate, output!, command.Caller.UserId, clock.GetCurrentInstant()));
        return CommandOutcome.Done(output!.DatasetId);
    }

    private static async Task<(JasperFx.Events.IEventStream<ProcessingTask>? Stream, Space? Space)> LoadAsync(IDocumentSession session, Guid taskId, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ProcessingTask>(taskId, cancellationToken);
        var space = stream.Aggregate is null ? null : await session.LoadSpaceAsync(stream.Aggregate.SpaceId, cancellationToken);
        return (stream, space);
    }
}
