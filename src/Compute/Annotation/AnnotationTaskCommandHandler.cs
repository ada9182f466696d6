using PanguGraph.Compute.EventStore;
using Marten;
using NodaTime;
using PanguGraph.Domain.Annotation;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Spaces;
using PanguGraph.Projections.Annotation;
using PanguGraph.Projections.Audit;
using PanguGraph.Projections.Datasets;
using Wolverine;

namespace PanguGraph.Compute.Annotation;

public static class AnnotationTaskCommandHandler
{
    public static async Task<CommandOutcome> Handle(RegisterModelEndpoint command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var space = await session.LoadSpaceAsync(command.SpaceId, cancellationToken);
        if (space is null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("space", command.SpaceId));
        }

        var decision = ModelEndpoint.Register(command.EndpointId, command.Name, command.Url, command.Model, space, command.Caller, clock.GetCurrentInstant());
        if (decision.IsRejected)
        {
            return CommandOutcome.Rejected(decision.Error!);
        }

        session.StampActor(command.Caller.UserId);
        session.Events.StartStream<ModelEndpoint>(command.EndpointId, decision.Events.ToArray());
        return CommandOutcome.Done(command.EndpointId);
    }

    /// <summary>
    /// Creates the task stream and one stream per item in one transaction, and queues the
    /// pre-annotation job through the outbox when the task has a model endpoint.
    /// </summary>
    public static async Task<(CommandOutcome, OutgoingMessages)> Handle(
        CreateAnnotationTask command, IDocumentSession session, DatasetRecordSource records, IClock clock, CancellationToken cancellationToken)
    {
        var messages = new OutgoingMessages();
        var space = await session.LoadSpaceAsync(command.SpaceId, cancellationToken);
        var dataset = await session.Events.AggregateStreamAsync<Dataset>(command.DatasetId, token: cancellationToken);
        var datasetView = await session.LoadAsync<DatasetView>(command.DatasetId, cancellationToken);
        if (space is null)
        {
            return (CommandOutcome.Rejected(Errors.NotFound("space", command.SpaceId)), messages);
        }

        if (dataset is null || datasetView is null)
        {
            return (CommandOutcome.Rejected(Errors.NotFound("dataset", command.DatasetId).AtField("datasetId")), messages);
        }

        var endpoint = command.Request.ModelEndpointId is { } endpointId ? await session.LoadAsync<ModelEndpointView>(endpointId, cancellationToken) : null;
        var endpointExists = endpoint is not null && endpoint.SpaceId == space.Id;

        // Authorize and validate before reading the dataset's records from storage.
        var now = clock.GetCurrentInstant();
        var precheck = AnnotationTask.Open(command.TaskId, command.Request, dataset, datasetView.Modality, 1, endpointExists, space, command.Caller, now);
        if (precheck.IsRejected && precheck.Error!.Code != "ALLOCATION_MISMATCH")
        {
            return (CommandOutcome.Rejected(precheck.Error), messages);
        }

        var sources = await records.ReadAllAsync(datasetView.Location, AnnotationTask.MaxItems, cancellationToken);
        var decision = AnnotationTask.Open(command.TaskId, command.Request, dataset, datasetView.Modality, sources.Count, endpointExists, space, command.Caller, now);
        if (decision.IsRejected)
        {
            return (CommandOutcome.Rejected(decision.Error!), messages);
        }

        var created = decision.Events.OfType<AnnotationTaskCreated>().Single();
        session.StampActor(command.Caller.UserId);
        session.Events.StartStream<AnnotationTask>(command.TaskId, created);
        foreach (var queued in AnnotationTask.QueueItems(created, sources))
        {
            session.Events.StartStream<AnnotationItem>(queued.ItemId, queued);
        }

        if (created.ModelEndpointId is not null)
        {
            messages.Add(new RunPreAnnotation(command.TaskId));
        }

        return (CommandOutcome.Done(command.TaskId), messages);
    }
}
