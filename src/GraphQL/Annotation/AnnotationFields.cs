using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Marten;
using PanguGraph.Compute.Annotation;
using PanguGraph.Domain.Annotation;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Spaces;
using PanguGraph.GraphQL.Schema;
using PanguGraph.GraphQL.Spaces;
using PanguGraph.Projections.Annotation;

namespace PanguGraph.GraphQL.Annotation;

public static class AnnotationFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<AnnotationTaskType>>>("annotationTasks")
            .Description("Annotation tasks of a space, newest first.")
            .Argument<NonNullGraphType<IdGraphType>>("spaceId")
            .WithPaging()
            .ResolveAsync(async ctx =>
            {
                var spaceId = ctx.GetArgument<Guid>("spaceId");
                await SpaceAccess.RequireAsync(ctx, spaceId, Permission.ReadSpace);
                var (first, after) = Paging.Read(ctx);
                IQueryable<AnnotationTaskView> tasks = ctx.Service<IQuerySession>().Query<AnnotationTaskView>().Where(t => t.SpaceId == spaceId);
                return await Paging.PageBySortKeyAsync(tasks, t => t.SortKey, first, after, ctx.CancellationToken);
            });

        query.Field<AnnotationTaskType>("annotationTask")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await FindTaskAsync(ctx, ctx.GetArgument<Guid>("id")));

        query.Field<NonNullGraphType<ConnectionType<AnnotationItemType>>>("annotationItems")
            .Description("Items of a task in dataset order, optionally only one stage or one holder's.")
            .Argument<NonNullGraphType<IdGraphType>>("taskId")
            .Argument<ItemStageEnum>("stage")
            .Argument<StringGraphType>("holder", "Only items this user holds, as annotator or reviewer.")
            .WithPaging()
            .ResolveAsync(async ctx =>
            {
                var task = await FindTaskAsync(ctx, ctx.GetArgument<Guid>("taskId"));
                var (first, after) = Paging.Read(ctx);
                IQueryable<AnnotationItemView> items = ctx.Service<IQuerySession>().Query<AnnotationItemView>().Where(i => i.TaskId == task.Id);
                if (ctx.GetArgument<ItemStage?>("stage") is { } stage)
                {
                    items = items.Where(i => i.Stage == stage);
                }

                if (ctx.GetArgument<string?>("holder") is { } holder)
                {
                    items = items.Where(i => i.Annotator == holder || i.Reviewer == holder);
                }

                var total = await items.CountAsync(ctx.CancellationToken);
                var afterIndex = after is not null && int.TryParse(after, out var parsed) ? parsed : -1;
                var page = await items.Where(i => i.Index > afterIndex).OrderBy(i => i.Index).Take(first + 1).ToListAsync(ctx.CancellationToken);
                return Paging.ToConnection(page, first, i => i.Index.ToString(), total);
            });

        query.Field<AnnotationItemType>("annotationItem")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await FindItemAsync(ctx, ctx.GetArgument<Guid>("id")));

        query.Field<AnnotationItemType>("nextAnnotationItem")
            .Description("The caller's next item to work on for a duty (lowest index first; rework comes in order too), or null when none is left.")
            .Argument<NonNullGraphType<IdGraphType>>("taskId")
            .Argument<DutyEnum>("duty", "ANNOTATION when omitted.")
            .ResolveAsync(async ctx =>
            {
                var task = await FindTaskAsync(ctx, ctx.GetArgument<Guid>("taskId"));
                var open = await AnnotationBulkCommandHandler.OpenItemsAsync(
                    ctx.Service<IQuerySession>(), task.Id, ctx.GetArgument<Duty?>("duty") ?? Duty.Annotation, ctx.RequireCaller().UserId, ctx.CancellationToken);
                return open.FirstOrDefault();
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModelEndpointType>>>>("modelEndpoints")
            .Description("Model endpoints registered in a space for AI pre-annotation.")
            .Argument<NonNullGraphType<IdGraphType>>("spaceId")
            .ResolveAsync(async ctx =>
            {
                var spaceId = ctx.GetArgument<Guid>("spaceId");
                await SpaceAccess.RequireAsync(ctx, spaceId, Permission.ReadSpace);
                return await ctx.Service<IQuerySession>().Query<ModelEndpointView>().Where(m => m.SpaceId == spaceId)
                    .OrderBy(m => m.SortKey).ToListAsync(ctx.CancellationToken);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ModelEndpointPayloadType>>("registerModelEndpoint")
            .Description("Registers an OpenAI-compatible chat endpoint for AI pre-annotation (space admins).")
            .Argument<NonNullGraphType<RegisterModelEndpointInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<RegisterModelEndpointInput>("input");
                var id = Guid.CreateVersion7();
                var (outcome, errors) = await ctx.SendAsync(new RegisterModelEndpoint(ctx.RequireCaller(), id, input.SpaceId, input.Name, input.Url, input.Model), "model endpoint", id);
                var endpoint = outcome is null ? null : await ctx.Service<IQuerySession>().LoadAsync<ModelEndpointView>(id, ctx.CancellationToken);
                return new Payload<ModelEndpointView>(endpoint, errors);
            });

        mutation.Field<NonNullGraphType<AnnotationTaskPayloadType>>("createAnnotationTask")
            .Description("Creates an annotation task over a dataset and allocates its items.")
            .Argument<NonNullGraphType<CreateAnnotationTaskInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<CreateAnnotationTaskInput>("input");
                var id = Guid.CreateVersion7();
                var command = new CreateAnnotationTask(ctx.RequireCaller(), id, input.SpaceId, input.DatasetId, input.ToRequest());
                return await TaskPayloadAsync(ctx, command, id);
            });

        mutation.Field<NonNullGraphType<AnnotationItemPayloadType>>("submitAnnotation")
            .Description("Submits the caller's annotation of an item allocated to them.")
            .Argument<NonNullGraphType<SubmitAnnotationInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<SubmitAnnotationInput>("input");
                return await ItemPayloadAsync(ctx, new SubmitAnnotation(ctx.RequireCaller(), input.ItemId, input.Annotation, input.ExpectedVersion), input.ItemId);
            });

        mutation.Field<NonNullGraphType<AnnotationItemPayloadType>>("reviewAnnotation")
            .Description("Passes or rejects an item waiting for the caller's review; a rejection needs a reason.")
            .Argument<NonNullGraphType<ReviewAnnotationInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<ReviewAnnotationInput>("input");
                return await ItemPayloadAsync(ctx, new ReviewItem(ctx.RequireCaller(), input.ItemId, input.Passed, input.Reason, input.ExpectedVersion), input.ItemId);
            });

        mutation.Field<NonNullGraphType<AnnotationItemPayloadType>>("sendItemBackForRework")
            .Description("Returns a submitted item to its annotator (task managers).")
            .Argument<NonNullGraphType<SendBackInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<SendBackInput>("input");
                return await ItemPayloadAsync(ctx, new SendItemBackForRework(ctx.RequireCaller(), input.ItemId, input.Reason), input.ItemId);
            });

        mutation.Field<NonNullGraphType<AnnotationTaskPayloadType>>("transferAnnotationItems")
            .Description("Moves unfinished items of a duty to another member, all or nothing.")
            .Argument<NonNullGraphType<TransferItemsInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<TransferItemsInput>("input");
                var command = new TransferItems(ctx.RequireCaller(), input.TaskId, input.Duty, input.FromUserId, input.ToUserId, input.Count);
                return await TaskPayloadAsync(ctx, command, input.TaskId);
            });

        mutation.Field<NonNullGraphType<AnnotationTaskPayloadType>>("acceptPreAnnotations")
            .Description("Submits the model's proposals for all of the caller's unfinished items that have one (partial annotation).")
            .Argument<NonNullGraphType<TaskOnlyInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<TaskOnlyInput>("input");
                return await TaskPayloadAsync(ctx, new AcceptPreAnnotations(ctx.RequireCaller(), input.TaskId), input.TaskId);
            });

        mutation.Field<NonNullGraphType<AnnotationTaskPayloadType>>("passRemainingReviews")
            .Description("Passes every item now waiting for the caller's review (partial review).")
            .Argument<NonNullGraphType<TaskOnlyInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<TaskOnlyInput>("input");
                return await TaskPayloadAsync(ctx, new PassRemainingReviews(ctx.RequireCaller(), input.TaskId), input.TaskId);
            });
    }

    private static async Task<Payload<AnnotationTaskView>> TaskPayloadAsync(IResolveFieldContext ctx, object command, Guid taskId)
    {
        var (outcome, errors) = await ctx.SendAsync(command, "annotation task", taskId);
        var task = outcome is null ? null : await ctx.Service<IQuerySession>().LoadAsync<AnnotationTaskView>(taskId, ctx.CancellationToken);
        return new Payload<AnnotationTaskView>(task, errors);
    }

    private static async Task<Payload<AnnotationItemView>> ItemPayloadAsync(IResolveFieldContext ctx, object command, Guid itemId)
    {
        var (outcome, errors) = await ctx.SendAsync(command, "annotation item", itemId);
        var item = outcome is null ? null : await ctx.Service<IQuerySession>().LoadAsync<AnnotationItemView>(itemId, ctx.CancellationToken);
        return new Payload<AnnotationItemView>(item, errors);
    }

    public static async Task<AnnotationTaskView> FindTaskAsync(IResolveFieldContext ctx, Guid taskId)
    {
        var task = await ctx.Service<IQuerySession>().LoadAsync<AnnotationTaskView>(taskId, ctx.CancellationToken);
        return task is not null && await SpaceAccess.FindReadableAsync(ctx, task.SpaceId) is not null
            ? task
            : throw ctx.ToExecutionError(Errors.NotFound("annotation task", taskId));
    }

    private static async Task<AnnotationItemView> FindItemAsync(IResolveFieldContext ctx, Guid itemId)
    {
        var item = await ctx.Service<IQuerySession>().LoadAsync<AnnotationItemView>(itemId, ctx.CancellationToken);
        return item is not null && await SpaceAccess.FindReadableAsync(ctx, item.SpaceId) is not null
            ? item
            : throw ctx.ToExecutionError(Errors.NotFound("annotation item", itemId));
    }
}
