using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using PanguGraph.Domain.Annotation;

namespace PanguGraph.Projections.Annotation;

/// <summary>
/// Event aliases and projection lifecycles of the annotation capability, registered from
/// MartenSetup and EventTypes with one line each.
/// </summary>
public static class AnnotationProjections
{
    public static void Register(StoreOptions options)
    {
        options.Projections.Add(new AnnotationTaskAggregation(), ProjectionLifecycle.Live);
        options.Projections.Add(new AnnotationItemAggregation(), ProjectionLifecycle.Live);
        options.Projections.Add(new ModelEndpointAggregation(), ProjectionLifecycle.Live);

        // Inline: mutation payloads show the task, the item and the endpoint at once. Each is a
        // single-stream view, so concurrent writers of different items touch different documents.
        options.Projections.Add(new AnnotationTaskViewProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new AnnotationItemViewProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new ModelEndpointViewProjection(), ProjectionLifecycle.Inline);

        // Async: one document per task fed by every item stream; the daemon serialises its updates.
        options.Projections.Add(new AnnotationProgressProjection(), ProjectionLifecycle.Async);

        options.Schema.For<AnnotationTaskView>().Index(t => t.SpaceId).Index(t => t.SortKey);
        options.Schema.For<AnnotationItemView>().Index(i => i.TaskId).Index(i => i.Annotator).Index(i => i.Reviewer!);
        options.Schema.For<ModelEndpointView>().Index(m => m.SpaceId);
    }
}

public static class AnnotationEventTypes
{
    public static void Register(IEventStoreOptions events)
    {
        events.MapEventType<AnnotationTaskCreated>("annotation_task_created");
        events.MapEventType<AnnotationTaskCompleted>("annotation_task_completed");
        events.MapEventType<AnnotatedDatasetCreated>("annotated_dataset_created");
        events.MapEventType<ItemQueued>("annotation_item_queued");
        events.MapEventType<ItemPreAnnotated>("annotation_item_pre_annotated");
        events.MapEventType<ItemPreAnnotationFailed>("annotation_item_pre_annotation_failed");
        events.MapEventType<ItemAnnotated>("annotation_item_annotated");
        events.MapEventType<ItemReviewPassed>("annotation_item_review_passed");
        events.MapEventType<ItemRejected>("annotation_item_rejected");
        events.MapEventType<ItemSentBackForRework>("annotation_item_sent_back_for_rework");
        events.MapEventType<ItemTransferred>("annotation_item_transferred");
        events.MapEventType<ModelEndpointRegistered>("model_endpoint_registered");
    }
}
