using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Marten;
using Microsoft.Extensions.Logging;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Catalogue;
using PanguGraph.Domain.Processing.Pipelines;
using PanguGraph.Domain.Processing.Tasks;
using PanguGraph.Domain.Spaces;
using PanguGraph.GraphQL.Realtime;
using PanguGraph.GraphQL.Schema;
using PanguGraph.GraphQL.Spaces;
using PanguGraph.Projections.Datasets;
using PanguGraph.Projections.Processing;

namespace PanguGraph.GraphQL.Processing;

public static class ProcessingFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<OperatorType>>>>("operators")
            .Description("The operator catalogue, for one modality when given. Names and descriptions follow Accept-Language.")
            .Argument<ModalityEnum>("modality")
            .Resolve(ctx =>
            {
                ctx.RequireCaller();
                return ctx.GetArgument<Modality?>("modality") is { } modality ? OperatorCatalogue.ForModality(modality) : OperatorCatalogue.All;
            });

        query.Field<NonNullGraphType<ConnectionType<PipelineType>>>("pipelines")
            .Description("Pipelines of a space, newest first.")
            .Argument<NonNullGraphType<IdGraphType>>("spaceId")
            .WithPaging()
            .ResolveAsync(async ctx =>
            {
                var spaceId = ctx.GetArgument<Guid>("spaceId");
                await SpaceAccess.RequireAsync(ctx, spaceId, Permission.ReadSpace);
                var (first, after) = Paging.Read(ctx);
                IQueryable<PipelineView> items = ctx.Service<IQuerySession>().Query<PipelineView>().Where(p => p.SpaceId == spaceId && !p.IsDeleted);
                return await Paging.PageBySortKeyAsync(items, p => p.SortKey, first, after, ctx.CancellationToken);
            });

        query.Field<PipelineType>("pipeline")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await FindReadableAsync<PipelineView>(ctx, ctx.GetArgument<Guid>("id"), p => p.SpaceId)
                                       ?? throw ctx.ToExecutionError(Errors.NotFound("pipeline", ctx.GetArgument<Guid>("id"))));

        query.Field<NonNullGraphType<ConnectionType<PipelineTemplateType>>>("pipelineTemplates")
            .Description("Pipeline templates of a space, newest first.")
            .Argument<NonNullGraphType<IdGraphType>>("spaceId")
            .Argument<ModalityEnum>("modality")
            .WithPaging()
            .ResolveAsync(async ctx =>
            {
                var spaceId = ctx.GetArgument<Guid>("spaceId");
                await SpaceAccess.RequireAsync(ctx, spaceId, Permission.ReadSpace);
                var (first, after) = Paging.Read(ctx);
                IQueryable<PipelineTemplateView> items = ctx.Service<IQuerySession>().Query<PipelineTemplateView>().Where(t => t.SpaceId == spaceId && !t.IsDeleted);
                if (ctx.GetArgument<Modality?>("modality") is { } modality)
                {
                    items = items.Where(t => t.Modality == modality);
                }

                return await Paging.PageBySortKeyAsync(items, t => t.SortKey, first, after, ctx.CancellationToken);
            });

        query.Field<NonNullGraphType<ConnectionType<ProcessingTaskType>>>("processingTasks")
            .Description("Processing tasks of a space, newest first.")
            .Argument<NonNullGraphType<IdGraphType>>("spaceId")
            .Argument<ProcessingStatusEnum>("status")
            .WithPaging()
            .ResolveAsync(async ctx =>
            {
                var spaceId = ctx.GetArgument<Guid>("spaceId");
                await SpaceAccess.RequireAsync(ctx, spaceId, Permission.ReadSpace);
                var (first, after) = Paging.Read(ctx);
                IQueryable<ProcessingTaskView> items = ctx.Service<IQuerySession>().Query<ProcessingTaskView>().Where(t => t.SpaceId == spaceId);
                if (ctx.GetArgument<ProcessingStatus?>("status") is { } status)
                {
                    items = items.Where(t => t.Status == status);
                }

                return await Paging.PageBySortKeyAsync(items, t => t.SortKey, first, after, ctx.CancellationToken);
            });

        query.Field<ProcessingTaskType>("processingTask")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await FindReadableAsync<ProcessingTaskView>(ctx, ctx.GetArgument<Guid>("id"), t => t.SpaceId)
                                       ?? throw ctx.ToExecutionError(Errors.NotFound("processing task", ctx.GetArgument<Guid>("id"))));

        query.Field<DatasetLineageType>("datasetLineage")
            .Description("Lineage of a processed dataset; null for imported datasets.")
            .Argument<NonNullGraphType<IdGraphType>>("datasetId")
            .ResolveAsync(async ctx =>
            {
                var datasetId = ctx.GetArgument<Guid>("datasetId");
                var dataset = await FindReadableAsync<DatasetView>(ctx, datasetId, d => d.SpaceId)
                              ?? throw ctx.ToExecutionError(Errors.NotFound("dataset", datasetId));
                return await ctx.Service<IQuerySession>().LoadAsync<DatasetLineageView>(dataset.Id, ctx.CancellationToken);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PipelinePayloadType>>("createPipeline")
            .Argument<NonNullGraphType<CreatePipelineInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<CreatePipelineInput>("input");
                var id = Guid.CreateVersion7();
                var command = new CreatePipeline(ctx.RequireCaller(), id, input.SpaceId, input.Name, input.Description, input.Modality, input.TemplateId);
                return await SendPipelineAsync(ctx, command, id);
            });

        mutation.Field<NonNullGraphType<PipelinePayloadType>>("addPipelineStep")
            .Description("Adds an operator step. Every invalid parameter is reported with its field path and allowed range.")
            .Argument<NonNullGraphType<AddPipelineStepInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<PipelineStepInput>("input");
                var parameters = input.ParameterValues();
                if (parameters is null)
                {
                    return ParametersNotObject(ctx);
                }

                var pipeline = await FindReadableAsync<PipelineView>(ctx, input.PipelineId, p => p.SpaceId);
                if (pipeline is not null)
                {
                    var errors = PipelineRules.ValidateStep(pipeline.Modality, input.Position ?? pipeline.Steps.Count, input.OperatorId ?? "", parameters);
                    if (errors.Count > 1)
                    {
                        return new Payload<PipelineView>(null, errors.Select(ctx.ToUserError).ToList());
                    }
                }

                var command = new AddPipelineStep(ctx.RequireCaller(), input.PipelineId, input.OperatorId ?? "", parameters, input.Position, input.ExpectedVersion);
                return await SendPipelineAsync(ctx, command, input.PipelineId);
            });

        mutation.Field<NonNullGraphType<PipelinePayloadType>>("updatePipelineStep")
            .Argument<NonNullGraphType<UpdatePipelineStepInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<PipelineStepInput>("input");
                var parameters = input.ParameterValues();
                if (parameters is null)
                {
                    return ParametersNotObject(ctx);
                }

                var pipeline = await FindReadableAsync<PipelineView>(ctx, input.PipelineId, p => p.SpaceId);
                var index = pipeline?.Steps.FindIndex(s => s.StepId == input.StepId) ?? -1;
                if (pipeline is not null && index >= 0)
                {
                    var errors = PipelineRules.ValidateStep(pipeline.Modality, index, pipeline.Steps[index].OperatorId, parameters);
                    if (errors.Count > 1)
                    {
                        return new Payload<PipelineView>(null, errors.Select(ctx.ToUserError).ToList());
                    }
                }

                var command = new UpdatePipelineStep(ctx.RequireCaller(), input.PipelineId, input.StepId ?? Guid.Empty, parameters, input.ExpectedVersion);
                return await SendPipelineAsync(ctx, command, input.PipelineId);
            });

        mutation.Field<NonNullGraphType<PipelinePayloadType>>("removePipelineStep")
            .Argument<NonNullGraphType<RemovePipelineStepInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<PipelineStepInput>("input");
                return await SendPipelineAsync(ctx, new RemovePipelineStep(ctx.RequireCaller(), input.PipelineId, input.StepId ?? Guid.Empty, input.ExpectedVersion), input.PipelineId);
            });

        mutation.Field<NonNullGraphType<PipelinePayloadType>>("reorderPipelineSteps")
            .Argument<NonNullGraphType<ReorderPipelineStepsInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ReorderPipelineStepsInput>("input");
                return await SendPipelineAsync(ctx, new ReorderPipelineSteps(ctx.RequireCaller(), input.PipelineId, input.StepIds, input.ExpectedVersion), input.PipelineId);
            });

        mutation.Field<NonNullGraphType<PipelinePayloadType>>("configurePipelineResources")
            .Description("Sets the resources of the pipeline's tasks. Every violated rule is reported.")
            .Argument<NonNullGraphType<ConfigurePipelineResourcesInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ConfigurePipelineResourcesInput>("input");
                var settings = input.Resources.ToSettings();
                var errors = PipelineRules.ValidateResources(settings);
                if (errors.Count > 1)
                {
                    return new Payload<PipelineView>(null, errors.Select(ctx.ToUserError).ToList());
                }

                return await SendPipelineAsync(ctx, new ConfigurePipelineResources(ctx.RequireCaller(), input.PipelineId, settings, input.ExpectedVersion), input.PipelineId);
            });

        mutation.Field<NonNullGraphType<PipelinePayloadType>>("applyPipelineTemplate")
            .Argument<NonNullGraphType<ApplyPipelineTemplateInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<PipelineTemplateInput>("input");
                return await SendPipelineAsync(ctx, new ApplyPipelineTemplate(ctx.RequireCaller(), input.PipelineId, input.TemplateId ?? Guid.Empty, input.ExpectedVersion), input.PipelineId);
            });

        mutation.Field<NonNullGraphType<PipelineTemplatePayloadType>>("savePipelineAsTemplate")
            .Argument<NonNullGraphType<SavePipelineAsTemplateInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<PipelineTemplateInput>("input");
                var id = Guid.CreateVersion7();
                var (outcome, errors) = await ctx.SendAsync(new SavePipelineAsTemplate(ctx.RequireCaller(), input.PipelineId, id, input.Name ?? "", input.Description), "pipeline template", id);
                var template = outcome is null ? null : await ctx.Service<IQuerySession>().LoadAsync<PipelineTemplateView>(id, ctx.CancellationToken);
                return new Payload<PipelineTemplateView>(template, errors);
            });

        mutation.Field<NonNullGraphType<ProcessingTaskPayloadType>>("startProcessingTask")
            .Description("Starts a pipeline on a dataset; follow it with the processingTaskProgress subscription.")
            .Argument<NonNullGraphType<StartProcessingTaskInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<StartProcessingTaskInput>("input");
                var id = Guid.CreateVersion7();
                var command = new StartProcessingTask(ctx.RequireCaller(), id, input.SpaceId, input.DatasetId, input.PipelineId, input.AutoGenerateDataset ?? true, ToSettings(input.Output));
                return await SendTaskAsync(ctx, command, id);
            });

        mutation.Field<NonNullGraphType<ProcessingTaskPayloadType>>("stopProcessingTask")
            .Description("Requests a stop; shards in flight stop at their next batch and the task ends as STOPPED.")
            .Argument<NonNullGraphType<StopProcessingTaskInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ProcessingTaskInput>("input");
                return await SendTaskAsync(ctx, new StopProcessingTask(ctx.RequireCaller(), input.TaskId), input.TaskId);
            });

        mutation.Field<NonNullGraphType<ProcessedDatasetPayloadType>>("generateProcessedDataset")
            .Description("Creates the processed dataset of a succeeded task that did not generate it automatically.")
            .Argument<NonNullGraphType<GenerateProcessedDatasetInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ProcessingTaskInput>("input");
                var (outcome, errors) = await ctx.SendAsync(new GenerateProcessedDataset(ctx.RequireCaller(), input.TaskId, ToSettings(input.Output)), "processing task", input.TaskId);
                var dataset = outcome?.Id is { } datasetId ? await ctx.Service<IQuerySession>().LoadAsync<DatasetView>(datasetId, ctx.CancellationToken) : null;
                return new Payload<DatasetView>(dataset, errors);
            });
    }

    public static void AddSubscriptions(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<ProcessingTaskUpdateType>>("processingTaskProgress")
            .Description(
                "Every change of a processing task after afterVersion (0: from the beginning), then live until it succeeds, " +
                "fails or stops. Reconnecting clients pass the last version they saw and miss nothing.")
            .Argument<NonNullGraphType<IdGraphType>>("taskId")
            .Argument<LongGraphType>("afterVersion")
            .ResolveStreamAsync(async ctx =>
            {
                var taskId = ctx.GetArgument<Guid>("taskId");
                var afterVersion = ctx.GetArgument<long?>("afterVersion") ?? 0;
                _ = await FindReadableAsync<ProcessingTaskView>(ctx, taskId, t => t.SpaceId)
                    ?? throw ctx.ToExecutionError(Errors.NotFound("processing task", taskId));

                var store = ctx.Service<IDocumentStore>();
                ProcessingTaskView? state = null;
                if (afterVersion > 0)
                {
                    await using var session = store.QuerySession();
                    state = await session.Events.AggregateStreamAsync<ProcessingTaskView>(taskId, version: afterVersion, token: ctx.CancellationToken);
                }

                var projection = new ProcessingTaskViewProjection();
                return new StreamFollower<object>(
                    store,
                    ctx.Service<StreamChangeHub>(),
                    ctx.Service<ILogger<ProcessingTaskUpdate>>(),
                    taskId,
                    afterVersion,
                    e =>
                    {
                        state = projection.Evolve(state, taskId, e);
                        return state is null ? null : new ProcessingTaskUpdate(e.EventTypeName, e.Version, e.Sequence, state.Snapshot());
                    },
                    e => e.Data is ProcessingSucceeded or ProcessingFailed or ProcessingStopped);
            });
    }

    private static OutputDatasetSettings ToSettings(OutputDatasetInput? output) =>
        new(output?.Name, output?.Description, output?.ExtendedInfo?.ToExtendedInfo());

    private static Payload<PipelineView> ParametersNotObject(IResolveFieldContext ctx) =>
        new(null, [ctx.ToUserError(Errors.Invalid("parameters", "give the parameters as a JSON object of values by name.", "参数须为按名称给出取值的 JSON 对象。"))]);

    private static async Task<Payload<PipelineView>> SendPipelineAsync(IResolveFieldContext ctx, object command, Guid pipelineId)
    {
        var (outcome, errors) = await ctx.SendAsync(command, "pipeline", pipelineId);
        var pipeline = outcome is null ? null : await ctx.Service<IQuerySession>().LoadAsync<PipelineView>(pipelineId, ctx.CancellationToken);
        return new Payload<PipelineView>(pipeline, errors);
    }

    private static async Task<Payload<ProcessingTaskView>> SendTaskAsync(IResolveFieldContext ctx, object command, Guid taskId)
    {
        var (outcome, errors) = await ctx.SendAsync(command, "processing task", taskId);
        var task = outcome is null ? null : await ctx.Service<IQuerySession>().LoadAsync<ProcessingTaskView>(taskId, ctx.CancellationToken);
        return new Payload<ProcessingTaskView>(task, errors);
    }

    /// <summary>Loads a document of a space the caller may read, or null, so ids from other spaces reveal nothing.</summary>
    private static async Task<T?> FindReadableAsync<T>(IResolveFieldContext context, Guid id, Func<T, Guid> spaceOf) where T : class
    {
        var item = await context.Service<IQuerySession>().LoadAsync<T>(id, context.CancellationToken);
        return item is not null && await SpaceAccess.FindReadableAsync(context, spaceOf(item)) is not null ? item : null;
    }
}
