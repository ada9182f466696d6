using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Marten;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Spaces;
using PanguGraph.GraphQL.Schema;
using PanguGraph.GraphQL.Spaces;
using PanguGraph.Projections.Datasets;

namespace PanguGraph.GraphQL.Datasets;

public static class DatasetFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<DatasetType>>>("datasets")
            .Description("Datasets of a space visible to the caller, newest first.")
            .Argument<NonNullGraphType<IdGraphType>>("spaceId")
            .Argument<DatasetFilterType>("filter")
            .WithPaging()
            .ResolveAsync(async ctx =>
            {
                var spaceId = ctx.GetArgument<Guid>("spaceId");
                var spaceView = await SpaceAccess.RequireAsync(ctx, spaceId, Permission.ReadSpace);
                var caller = ctx.RequireCaller();
                var filter = ctx.GetArgument<DatasetFilter?>("filter") ?? new DatasetFilter();
                var status = filter.Status ?? DatasetStatus.Available;
                var (first, after) = Paging.Read(ctx);

                IQueryable<DatasetView> datasets = ctx.Service<IQuerySession>().Query<DatasetView>()
                    .Where(d => d.SpaceId == spaceId && d.Status == status);
                if (filter.Modality is { } modality)
                {
                    datasets = datasets.Where(d => d.Modality == modality);
                }

                // Private datasets are listed only to their creator and the space's admins.
                var space = spaceView.ToSpace();
                if (!caller.IsSuperAdmin && space.RoleOf(caller.UserId) != Role.Admin)
                {
                    datasets = datasets.Where(d => d.Visibility == Visibility.Space || d.CreatedBy == caller.UserId);
                }

                return await Paging.PageBySortKeyAsync(datasets, d => d.SortKey, first, after, ctx.CancellationToken);
            });

        query.Field<DatasetType>("dataset")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async ctx => await FindVisibleAsync(ctx, ctx.GetArgument<Guid>("id"))
                                       ?? throw ctx.ToExecutionError(Errors.NotFound("dataset", ctx.GetArgument<Guid>("id"))));
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<UpdateDatasetPayloadType>>("updateDataset")
            .Description("Edits name, description, visibility and extended info.")
            .Argument<NonNullGraphType<UpdateDatasetInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<UpdateDatasetInput>("input");
                var command = new EditDatasetDetails(
                    ctx.RequireCaller(),
                    input.DatasetId,
                    input.Name,
                    input.Description,
                    input.Visibility,
                    input.ExtendedInfo?.ToExtendedInfo(),
                    input.ExpectedVersion);
                var (outcome, errors) = await ctx.SendAsync(command, "dataset", input.DatasetId);
                return new Payload<DatasetView>(outcome is null ? null : await Load(ctx, input.DatasetId), errors);
            });

        mutation.Field<NonNullGraphType<DeleteDatasetPayloadType>>("deleteDataset")
            .Description("Marks the dataset deleted; its history stays readable for auditors.")
            .Argument<NonNullGraphType<DeleteDatasetInputType>>("input")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<DeleteDatasetInput>("input");
                var (outcome, errors) = await ctx.SendAsync(new DeleteDataset(ctx.RequireCaller(), input.DatasetId, input.ExpectedVersion), "dataset", input.DatasetId);
                return new Payload<DatasetView>(outcome is null ? null : await Load(ctx, input.DatasetId), errors);
            });
    }

    public static async Task<DatasetView?> FindVisibleAsync(IResolveFieldContext context, Guid datasetId)
    {
        var dataset = await Load(context, datasetId);
        if (dataset is null)
        {
            return null;
        }

        var space = await SpaceAccess.FindReadableAsync(context, dataset.SpaceId);
        return space is not null && Dataset.IsVisibleTo(dataset.Visibility, dataset.CreatedBy, space.ToSpace(), context.RequireCaller())
            ? dataset
            : null;
    }

    private static Task<DatasetView?> Load(IResolveFieldContext context, Guid id) =>
        context.Service<IQuerySession>().LoadAsync<DatasetView>(id, context.CancellationToken);
}
