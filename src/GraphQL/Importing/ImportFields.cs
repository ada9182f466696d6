using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Importing;
using PanguGraph.Domain.Spaces;
using PanguGraph.GraphQL.Realtime;
using PanguGraph.GraphQL.Schema;
using PanguGraph.GraphQL.Spaces;
using PanguGraph.Projections.Importing;

namespace PanguGraph.GraphQL.Importing;

public static class ImportFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<ImportTaskType>>>("importTasks")
            .Description("Import tasks of a space, newest first.")
            .Argument<NonNullGraphType<IdGraphType>>("spaceId")
            .Argument<ImportStatusEnum>("status")
            .WithPaging()
            .ResolveAsync(async ctx =>
            {
                var spaceId = ctx.GetArgument<Guid>("spaceId");
                await SpaceAccess.RequireAsync(ctx, spaceId, Permission.ReadSpace);
                var (first, after) = Paging.Read(ctx);
                IQueryable<ImportTaskView> tasks = ctx.Service<IQuerySession>().Query<ImportTaskView>().Where(t => t.SpaceId == spaceId);
                if (ctx.GetArgument<ImportStatus?>("status") is { } status)
                {
                    tasks = tasks.Where(t => t.Status == status);
                }

                return await Paging.PageBySortKeyAsync(tasks, t => t.SortKey, first, after, ctx.CancellationToken);
            });

        query.Field<ImportTaskType>("importTask")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await FindReadableAsync(ctx, ctx.GetArgument<Guid>("id"))
                                       ?? throw ctx.ToExecutionError(Errors.NotFound("import task", ctx.GetArgument<Guid>("id"))));
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreateImportTaskPayloadType>>("createImportTask")
            .Description("Creates an import task and queues its job; follow it with the importTaskProgress subscription.")
            .Argument<NonNullGraphType<CreateImportTaskInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<CreateImportTaskInput>("input");
                var taskId = Guid.CreateVersion7();
                var command = new CreateImportTask(
                    ctx.RequireCaller(),
                    taskId,
                    input.SpaceId,
                    input.DatasetName,
                    input.Description,
                    input.Modality,
                    input.Format,
                    new ImportSource(input.Source.Bucket, input.Source.Prefix, input.Source.Keys ?? []),
                    input.Visibility ?? Visibility.Space,
                    input.ExtendedInfo?.ToExtendedInfo() ?? ExtendedInfo.Empty);
                var (outcome, errors) = await ctx.SendAsync(command, "import task", taskId);
                var task = outcome is null ? null : await ctx.Service<IQuerySession>().LoadAsync<ImportTaskView>(taskId, ctx.CancellationToken);
                return new Payload<ImportTaskView>(task, errors);
            });
    }

    public static void AddSubscriptions(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<ImportTaskUpdateType>>("importTaskProgress")
            .Description(
                "Every change of an import task, starting after afterVersion (0: from the beginning), then live until it " +
                "succeeds or fails. Reconnecting clients pass the last version they saw and miss nothing.")
            .Argument<NonNullGraphType<IdGraphType>>("taskId")
            .Argument<LongGraphType>("afterVersion")
            .ResolveStreamAsync(async ctx =>
            {
                var taskId = ctx.GetArgument<Guid>("taskId");
                var afterVersion = ctx.GetArgument<long?>("afterVersion") ?? 0;
                _ = await FindReadableAsync(ctx, taskId)
                    ?? throw ctx.ToExecutionError(Errors.NotFound("import task", taskId));

                var store = ctx.Service<IDocumentStore>();
                ImportTaskView? state = null;
                if (afterVersion > 0)
                {
                    await using var session = store.QuerySession();
                    state = await session.Events.AggregateStreamAsync<ImportTaskView>(taskId, version: afterVersion, token: ctx.CancellationToken);
                }

                var projection = new ImportTaskViewProjection();
                return new StreamFollower<object>(
                    store,
                    ctx.Service<StreamChangeHub>(),
                    ctx.Service<ILogger<ImportTaskUpdate>>(),
                    taskId,
                    afterVersion,
                    e =>
                    {
                        state = projection.Evolve(state, taskId, e);
                        return state is null ? null : new ImportTaskUpdate(e.EventTypeName, e.Version, e.Sequence, state.Snapshot());
                    },
                    e => e.Data is ImportSucceeded or ImportFailed);
            });
    }

    public static async Task<ImportTaskView?> FindReadableAsync(IResolveFieldContext context, Guid taskId)
    {
        var task = await context.Service<IQuerySession>().LoadAsync<ImportTaskView>(taskId, context.CancellationToken);
        return task is not null && await SpaceAccess.FindReadableAsync(context, task.SpaceId) is not null ? task : null;
    }
}
