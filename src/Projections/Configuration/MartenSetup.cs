using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using PanguGraph.Projections.Annotation;
using PanguGraph.Projections.Datasets;
using PanguGraph.Projections.Importing;
using PanguGraph.Projections.Spaces;
using PanguGraph.Projections.Users;
using Weasel.Core;

namespace PanguGraph.Projections.Configuration;

/// <summary>
/// The event store's configuration: serialization, metadata, event aliases and projection
/// lifecycles. Shared by the API host, the workers, the tests and the benchmarks.
/// </summary>
public static class MartenSetup
{
    public const string SchemaName = "pangu";

    public static void Configure(StoreOptions options)
    {
        options.DatabaseSchemaName = SchemaName;
        options.UseSystemTextJsonForSerialization(
            EnumStorage.AsString,
            Casing.CamelCase,
            json => json.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));

        // Quick append skips the per-event version round trip; optimistic concurrency still
        // applies because every write states the stream version it expects.
        options.Events.AppendMode = EventAppendMode.Quick;
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        EventTypes.Register(options.Events);

        options.Projections.Add(new SpaceAggregation(), ProjectionLifecycle.Live);
        options.Projections.Add(new UserAggregation(), ProjectionLifecycle.Live);
        options.Projections.Add(new DatasetAggregation(), ProjectionLifecycle.Live);
        options.Projections.Add(new ImportTaskAggregation(), ProjectionLifecycle.Live);
        AnnotationProjections.Register(options);

        options.Projections.Add(new SpaceViewProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new UserViewProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new ApiKeyLookupProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new DatasetViewProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new ImportTaskViewProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new SpaceStatisticsProjection(), ProjectionLifecycle.Async);
        Processing.ProcessingProjections.Configure(options);

        options.Schema.For<SpaceView>().GinIndexJsonData().Index(s => s.SortKey);
        options.Schema.For<UserView>().UniqueIndex(u => u.UserId);
        options.Schema.For<DatasetView>().Index(d => d.SpaceId).Index(d => d.SortKey);
        options.Schema.For<ImportTaskView>().Index(t => t.SpaceId).Index(t => t.SortKey);
    }
}
