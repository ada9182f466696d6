using GraphQL;
using GraphQL.Types;
using GraphQL.Types.Relay;
using Marten;
using NodaTime;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Spaces;
using PanguGraph.GraphQL.Datasets;
using PanguGraph.GraphQL.Importing;
using PanguGraph.GraphQL.Schema;
using PanguGraph.Projections.Audit;
using PanguGraph.Projections.Datasets;
using PanguGraph.Projections.Importing;
using PanguGraph.Projections.Spaces;

namespace PanguGraph.GraphQL.Audit;

/// <summary>
/// Audit queries: the full event history of an asset and its state as of a version or instant.
/// They need the ReadHistory permission in the asset's space (admins, developers, annotation
/// admins and auditors).
/// </summary>
public static class AuditFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<HistoryEventType>>>("history")
            .Description("Every event of an asset (space, dataset, import task, pipeline, processing task, annotation task or item) in stream order.")
            .Argument<NonNullGraphType<IdGraphType>>("assetId")
            .WithPaging()
            .ResolveAsync(async ctx =>
            {
                var assetId = ctx.GetArgument<Guid>("assetId");
                await RequireHistoryAccess(ctx, assetId);
                var (first, after) = Paging.Read(ctx);
                var afterVersion = after is null ? 0 : long.TryParse(after, out var v) ? v : 0;
                var session = ctx.Service<IQuerySession>();
                var entries = await AssetHistory.ReadAsync(session, assetId, afterVersion, first + 1, ctx.CancellationToken);
                var state = await session.Events.FetchStreamStateAsync(assetId, ctx.CancellationToken);
                return Paging.ToConnection(entries, first, e => e.Version.ToString(), (int?)state?.Version);
            });

        AddAsOf<DatasetType, DatasetView>(query, "datasetAsOf", "dataset");
        AddAsOf<ImportTaskType, ImportTaskView>(query, "importTaskAsOf", "import task");
    }

    /// <summary>
    /// Adds a time-travel query that replays an asset's stream up to a version or an instant.
    /// </summary>
    private static void AddAsOf<TGraph, TView>(ObjectGraphType query, string name, string noun)
        where TGraph : IGraphType
        where TView : class
    {
        query.Field<TGraph>(name)
            .Description($"The {noun} as it was at a stream version or at an instant (give one of them).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<LongGraphType>("version")
            .Argument<InstantGraphType>("at")
            .ResolveAsync(async ctx =>
            {
                var id = ctx.GetArgument<Guid>("id");
                await RequireHistoryAccess(ctx, id);
                var (version, at) = ReadPointInTime(ctx);
                return await ctx.Service<IQuerySession>().Events.AggregateStreamAsync<TView>(
                    id, version: version, timestamp: at?.ToDateTimeOffset(), token: ctx.CancellationToken);
            });
    }

    private static (long Version, Instant? At) ReadPointInTime(IResolveFieldContext context)
    {
        var version = context.GetArgument<long?>("version");
        var at = context.GetArgument<Instant?>("at");
        if (version is null == at is null)
        {
            throw context.ToExecutionError(new DomainError(
                "INVALID",
                "Give exactly one of 'version' or 'at'.",
                "请在“version”与“at”中只填写一项。",
                ["version"]));
        }

        if (version is <= 0)
        {
            throw context.ToExecutionError(Errors.Invalid("version", "versions start at 1.", "版本号从 1 开始。"));
        }

        return (version ?? 0, at);
    }

    /// <summary>
    /// Finds the space that owns an asset and checks ReadHistory there. Unknown ids and assets of
    /// spaces the caller cannot audit both read as "not found".
    /// </summary>
    private static async Task RequireHistoryAccess(IResolveFieldContext context, Guid assetId)
    {
        var caller = context.RequireCaller();
        var session = context.Service<IQuerySession>();
        var dataset = await session.LoadAsync<DatasetView>(assetId, context.CancellationToken);
        var spaceId = dataset?.SpaceId
                      ?? (await session.LoadAsync<ImportTaskView>(assetId, context.CancellationToken))?.SpaceId
                      ?? (await session.LoadAsync<Projections.Processing.PipelineView>(assetId, context.CancellationToken))?.SpaceId
                      ?? (await session.LoadAsync<Projections.Processing.PipelineTemplateView>(assetId, context.CancellationToken))?.SpaceId
                      ?? (await session.LoadAsync<Projections.Processing.ProcessingTaskView>(assetId, context.CancellationToken))?.SpaceId
                      ?? (await session.LoadAsync<SpaceView>(assetId, context.CancellationToken))?.Id
                      ?? (await session.LoadAsync<Projections.Annotation.AnnotationItemView>(assetId, context.CancellationToken))?.SpaceId
                      ?? (await session.LoadAsync<Projections.Annotation.AnnotationTaskView>(assetId, context.CancellationToken))?.SpaceId;
        var space = spaceId is { } id ? await session.LoadAsync<SpaceView>(id, context.CancellationToken) : null;
        if (space is null)
        {
            throw context.ToExecutionError(Errors.NotFound("asset", assetId));
        }

        var error = space.ToSpace().Authorize(caller, Permission.ReadHistory);
        if (error is not null)
        {
            throw context.ToExecutionError(error.Code == "FORBIDDEN" && space.RoleOf(caller.UserId) is null ? Errors.NotFound("asset", assetId) : error);
        }

        // A private dataset's history and past states are as private as the dataset itself.
        if (dataset is not null && !Dataset.IsVisibleTo(dataset.Visibility, dataset.CreatedBy, space.ToSpace(), caller))
        {
            throw context.ToExecutionError(Errors.NotFound("asset", assetId));
        }
    }
}
