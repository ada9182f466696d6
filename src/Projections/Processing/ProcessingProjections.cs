using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events;
using Marten.Events.Aggregation;
using PanguGraph.Domain.Processing.Pipelines;
using PanguGraph.Domain.Processing.Tasks;

namespace PanguGraph.Projections.Processing;

public sealed class PipelineAggregation : SingleStreamProjection<Pipeline, Guid>
{
    public override Pipeline? Evolve(Pipeline? snapshot, Guid id, IEvent e) => Pipeline.Evolve(snapshot, e.Data);
}

public sealed class PipelineTemplateAggregation : SingleStreamProjection<PipelineTemplate, Guid>
{
    public override PipelineTemplate? Evolve(PipelineTemplate? snapshot, Guid id, IEvent e) => PipelineTemplate.Evolve(snapshot, e.Data);
}

public sealed class ProcessingTaskAggregation : SingleStreamProjection<ProcessingTask, Guid>
{
    public override ProcessingTask? Evolve(ProcessingTask? snapshot, Guid id, IEvent e) => ProcessingTask.Evolve(snapshot, e.Data);
}

/// <summary>Event aliases and projections of the processing capability, registered from the shared setup.</summary>
public static class ProcessingProjections
{
    public static void RegisterEventTypes(IEventStoreOptions events)
    {
        events.MapEventType<PipelineCreated>("pipeline_created");
        events.MapEventType<PipelineRenamed>("pipeline_renamed");
        events.MapEventType<PipelineStepAdded>("pipeline_step_added");
        events.MapEventType<PipelineStepUpdated>("pipeline_step_updated");
        events.MapEventType<PipelineStepRemoved>("pipeline_step_removed");
        events.MapEventType<PipelineStepsReordered>("pipeline_steps_reordered");
        events.MapEventType<PipelineResourcesConfigured>("pipeline_resources_configured");
        events.MapEventType<PipelineTemplateApplied>("pipeline_template_applied");
        events.MapEventType<PipelineDeleted>("pipeline_deleted");
        events.MapEventType<PipelineTemplateSaved>("pipeline_template_saved");
        events.MapEventType<PipelineTemplateDeleted>("pipeline_template_deleted");

        events.MapEventType<ProcessingTaskCreated>("processing_task_created");
        events.MapEventType<ProcessingPlanned>("processing_planned");
        events.MapEventType<ProcessingStageStarted>("processing_stage_started");
        events.MapEventType<ShardProgressed>("processing_shard_progressed");
        events.MapEventType<ShardProcessed>("processing_shard_processed");
        events.MapEventType<ProcessingStageMerged>("processing_stage_merged");
        events.MapEventType<ProcessingStopRequested>("processing_stop_requested");
        events.MapEventType<ProcessingStopped>("processing_stopped");
        events.MapEventType<ProcessingSucceeded>("processing_succeeded");
        events.MapEventType<ProcessingFailed>("processing_failed");
        events.MapEventType<ProcessedDatasetGenerated>("processed_dataset_generated");
        events.MapEventType<ProcessedDatasetCreated>("processed_dataset_created");
        events.MapEventType<DatasetLineageRecorded>("dataset_lineage_recorded");
    }

    public static void Configure(StoreOptions options)
    {
        options.Projections.Add(new PipelineAggregation(), ProjectionLifecycle.Live);
        options.Projections.Add(new PipelineTemplateAggregation(), ProjectionLifecycle.Live);
        options.Projections.Add(new ProcessingTaskAggregation(), ProjectionLifecycle.Live);

        options.Projections.Add(new PipelineViewProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new PipelineTemplateViewProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new ProcessingTaskViewProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new DatasetLineageViewProjection(), ProjectionLifecycle.Inline);

        options.Schema.For<PipelineView>().Index(p => p.SpaceId).Index(p => p.SortKey);
        options.Schema.For<PipelineTemplateView>().Index(t => t.SpaceId).Index(t => t.SortKey);
        options.Schema.For<ProcessingTaskView>().Index(t => t.SpaceId).Index(t => t.SortKey);
    }
}
