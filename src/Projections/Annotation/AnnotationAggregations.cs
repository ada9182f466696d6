using JasperFx.Events;
using Marten.Events.Aggregation;
using PanguGraph.Domain.Annotation;

namespace PanguGraph.Projections.Annotation;

// Live aggregations behind FetchForWriting for the annotation write models; they delegate to the
// pure Evolve functions of the domain.

public sealed class AnnotationTaskAggregation : SingleStreamProjection<AnnotationTask, Guid>
{
    public override AnnotationTask? Evolve(AnnotationTask? snapshot, Guid id, IEvent e) => AnnotationTask.Evolve(snapshot, e.Data);
}

public sealed class AnnotationItemAggregation : SingleStreamProjection<AnnotationItem, Guid>
{
    public override AnnotationItem? Evolve(AnnotationItem? snapshot, Guid id, IEvent e) => AnnotationItem.Evolve(snapshot, e.Data);
}

public sealed class ModelEndpointAggregation : SingleStreamProjection<ModelEndpoint, Guid>
{
    public override ModelEndpoint? Evolve(ModelEndpoint? snapshot, Guid id, IEvent e) => ModelEndpoint.Evolve(snapshot, e.Data);
}
