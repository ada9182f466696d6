using GraphQL.Types;
using PanguGraph.GraphQL.Schema;
using PanguGraph.Projections.Audit;

namespace PanguGraph.GraphQL.Audit;

public sealed class HistoryEventType : ObjectGraphType<HistoryEntry>
{
    public HistoryEventType()
    {
        Name = "HistoryEvent";
        Description = "One stored event of an asset, exactly as recorded.";
        Field<NonNullGraphType<IdGraphType>>("assetId").Resolve(ctx => ctx.Source.StreamId);
        Field<NonNullGraphType<LongGraphType>>("sequence").Description("Global, gap-tolerant order of all events.").Resolve(ctx => ctx.Source.Sequence);
        Field<NonNullGraphType<LongGraphType>>("version").Description("Position in the asset's stream, from 1.").Resolve(ctx => ctx.Source.Version);
        Field(x => x.EventType).Description("Stable alias of the event type, such as dataset_imported.");
        Field<NonNullGraphType<InstantGraphType>>("timestamp").Description("When the event was stored.").Resolve(ctx => ctx.Source.Timestamp);
        Field(x => x.Actor, nullable: true).Description("User id of whoever caused the event; 'system' for platform jobs.");
        Field(x => x.CorrelationId, nullable: true);
        Field(x => x.CausationId, nullable: true);
        Field<NonNullGraphType<JsonGraphType>>("payload").Resolve(ctx => ctx.Source.Payload);
    }
}
