using Marten;
using NodaTime;
using PanguGraph.Compute.EventStore;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Processing.Pipelines;
using PanguGraph.Domain.Spaces;
using PanguGraph.Projections.Audit;

namespace PanguGraph.Compute.Processing.Pipelines;

/// <summary>Load-decide-append handlers of pipelines and templates; Wolverine commits the session.</summary>
public static class PipelineCommandHandler
{
    public static async Task<CommandOutcome> Handle(CreatePipeline command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var space = await session.LoadSpaceAsync(command.SpaceId, cancellationToken);
        if (space is null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("space", command.SpaceId));
        }

        var template = command.TemplateId is { } templateId
            ? await session.Events.AggregateStreamAsync<PipelineTemplate>(templateId, token: cancellationToken)
            : null;
        var decision = Pipeline.Open(command, space, template, clock.GetCurrentInstant());
        if (decision.IsRejected)
        {
            return CommandOutcome.Rejected(decision.Error!);
        }

        session.StampActor(command.Caller.UserId);
        session.Events.StartStream<Pipeline>(command.PipelineId, decision.Events.ToArray());
        return CommandOutcome.Done(command.PipelineId);
    }

    public static Task<CommandOutcome> Handle(RenamePipeline command, IDocumentSession session, IClock clock, CancellationToken cancellationToken) =>
        Decide(session, command.PipelineId, command.ExpectedVersion, command.Caller, cancellationToken,
            (pipeline, space) => pipeline.Rename(command.Name, command.Description, space, command.Caller, clock.GetCurrentInstant()));

    public static Task<CommandOutcome> Handle(AddPipelineStep command, IDocumentSession session, IClock clock, CancellationToken cancellationToken) =>
        Decide(session, command.PipelineId, command.ExpectedVersion, command.Caller, cancellationToken,
            (pipeline, space) => pipeline.AddStep(Guid.NewGuid(), command.OperatorId, command.Parameters, command.Position, space, command.Caller, clock.GetCurrentInstant()));

    public static Task<CommandOutcome> Handle(UpdatePipelineStep command, IDocumentSession session, IClock clock, CancellationToken cancellationToken) =>
        Decide(session, command.PipelineId, command.ExpectedVersion, command.Caller, cancellationToken,
            (pipeline, space) => pipeline.UpdateStep(command.StepId, command.Parameters, space, command.Caller, clock.GetCurrentInstant()));

    public static Task<CommandOutcome> Handle(RemovePipelineStep command, IDocumentSession session, IClock clock, CancellationToken cancellationToken) =>
        Decide(session, command.PipelineId, command.ExpectedVersion, command.Caller, cancellationToken,
            (pipeline, space) => pipeline.RemoveStep(command.StepId, space, command.Caller, clock.GetCurrentInstant()));

    public static Task<CommandOutcome> Handle(ReorderPipelineSteps command, IDocumentSession session, IClock clock, CancellationToken cancellationToken) =>
        Decide(session, command.PipelineId, command.ExpectedVersion, command.Caller, cancellationToken,
            (pipeline, space) => pipeline.Reorder(command.StepIds, space, command.Caller, clock.GetCurrentInstant()));

    public static Task<CommandOutcome> Handle(ConfigurePipelineResources command, IDocumentSession session, IClock clock, CancellationToken cancellationToken) =>
        Decide(session, command.PipelineId, command.ExpectedVersion, command.Caller, cancellationToken,
            (pipeline, space) => pipeline.ConfigureResources(command.Resources, space, command.Caller, clock.GetCurrentInstant()));

    public static Task<CommandOutcome> Handle(DeletePipeline command, IDocumentSession session, IClock clock, CancellationToken cancellationToken) =>
        Decide(session, command.PipelineId, command.ExpectedVersion, command.Caller, cancellationToken,
            (pipeline, space) => pipeline.Delete(space, command.Caller, clock.GetCurrentInstant()));

    public static async Task<CommandOutcome> Handle(ApplyPipelineTemplate command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var template = await session.Events.AggregateStreamAsync<PipelineTemplate>(command.TemplateId, token: cancellationToken);
        return await Decide(session, command.PipelineId, command.ExpectedVersion, command.Caller, cancellationToken,
            (pipeline, space) => pipeline.ApplyTemplate(template, command.TemplateId, space, command.Caller, clock.GetCurrentInstant()));
    }

    public static async Task<CommandOutcome> Handle(SavePipelineAsTemplate command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var pipeline = await session.Events.AggregateStreamAsync<Pipeline>(command.PipelineId, token: cancellationToken);
        var space = pipeline is null ? null : await session.LoadSpaceAsync(pipeline.SpaceId, cancellationToken);
        if (pipeline is null || space is null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("pipeline", command.PipelineId));
        }

        var decision = pipeline.SaveAsTemplate(command.TemplateId, command.Name, command.Description, space, command.Caller, clock.GetCurrentInstant());
        if (decision.IsRejected)
        {
            return CommandOutcome.Rejected(decision.Error!);
        }

        session.StampActor(command.Caller.UserId);
        session.Events.StartStream<PipelineTemplate>(command.TemplateId, decision.Events.ToArray());
        return CommandOutcome.Done(command.TemplateId);
    }

    public static async Task<CommandOutcome> Handle(DeletePipelineTemplate command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<PipelineTemplate>(command.TemplateId, cancellationToken);
        var space = stream.Aggregate is null ? null : await session.LoadSpaceAsync(stream.Aggregate.SpaceId, cancellationToken);
        if (stream.Aggregate is null || space is null || space.Authorize(command.Caller, Permission.ReadSpace) is not null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("pipeline template", command.TemplateId));
        }

        return session.Apply(stream, stream.Aggregate.Delete(space, command.Caller, clock.GetCurrentInstant()), command.Caller, command.TemplateId);
    }

    private static async Task<CommandOutcome> Decide(
        IDocumentSession session, Guid pipelineId, long? expectedVersion, Caller caller, CancellationToken cancellationToken, Func<Pipeline, Space, Decision> decide)
    {
        var stream = await session.FetchWritable<Pipeline>(pipelineId, expectedVersion, cancellationToken);
        var space = stream.Aggregate is null ? null : await session.LoadSpaceAsync(stream.Aggregate.SpaceId, cancellationToken);
        if (stream.Aggregate is null || space is null)
        {
            return CommandOutcome.Rejected(Errors.NotFound("pipeline", pipelineId));
        }

        return session.Apply(stream, decide(stream.Aggregate, space), caller, pipelineId);
    }
}
