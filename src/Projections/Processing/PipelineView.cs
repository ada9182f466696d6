using JasperFx.Events;
using Marten.Events.Aggregation;
using NodaTime;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Pipelines;
using PanguGraph.Projections.Configuration;

namespace PanguGraph.Projections.Processing;

/// <summary>Read model of a pipeline as listed and edited by users.</summary>
public sealed class PipelineView
{
    public Guid Id { get; set; }
    public Guid SpaceId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public Modality Modality { get; set; }
    public List<PipelineStep> Steps { get; set; } = [];
    public PipelineResources Resources { get; set; } = PipelineResources.Default;
    public Guid? AppliedTemplateId { get; set; }
    public bool IsDeleted { get; set; }
    public string CreatedBy { get; set; } = "";
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>Cursor and sort key, as in <see cref="SortKeys.For"/>.</summary>
    public string SortKey { get; set; } = "";
}

public sealed class PipelineViewProjection : SingleStreamProjection<PipelineView, Guid>
{
    public override PipelineView? Evolve(PipelineView? view, Guid id, IEvent e)
    {
        var pipeline = view is null ? null : new Pipeline(view.Id, view.SpaceId, view.Name, view.Description, view.Modality, view.Steps, view.Resources, view.IsDeleted);
        var next = Pipeline.Evolve(pipeline, e.Data);
        if (next is null)
        {
            return view;
        }

        view ??= new PipelineView();
        switch (e.Data)
        {
            case PipelineCreated created:
                view.CreatedBy = created.By;
                view.CreatedAt = created.At;
                view.SortKey = SortKeys.For(created.At, created.PipelineId);
                break;
            case PipelineTemplateApplied applied:
                view.AppliedTemplateId = applied.TemplateId;
                break;
        }

        view.Id = next.Id;
        view.SpaceId = next.SpaceId;
        view.Name = next.Name;
        view.Description = next.Description;
        view.Modality = next.Modality;
        view.Steps = next.Steps.ToList();
        view.Resources = next.Resources;
        view.IsDeleted = next.IsDeleted;
        view.UpdatedAt = EventTime(e.Data) ?? view.UpdatedAt;
        view.Version = e.Version;
        return view;
    }

    private static Instant? EventTime(object data) => data switch
    {
        PipelineCreated x => x.At,
        PipelineRenamed x => x.At,
        PipelineStepAdded x => x.At,
        PipelineStepUpdated x => x.At,
        PipelineStepRemoved x => x.At,
        PipelineStepsReordered x => x.At,
        PipelineResourcesConfigured x => x.At,
        PipelineTemplateApplied x => x.At,
        PipelineDeleted x => x.At,
        _ => null,
    };
}

/// <summary>Read model of a pipeline template.</summary>
public sealed class PipelineTemplateView
{
    public Guid Id { get; set; }
    public Guid SpaceId { get; set; }
    public Guid SourcePipelineId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public Modality Modality { get; set; }
    public List<PipelineStep> Steps { get; set; } = [];
    public PipelineResources Resources { get; set; } = PipelineResources.Default;
    public bool IsDeleted { get; set; }
    public string CreatedBy { get; set; } = "";
    public Instant CreatedAt { get; set; }
    public long Version { get; set; }
    public string SortKey { get; set; } = "";
}

public sealed class PipelineTemplateViewProjection : SingleStreamProjection<PipelineTemplateView, Guid>
{
    public override PipelineTemplateView? Evolve(PipelineTemplateView? view, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case PipelineTemplateSaved saved:
                view = new PipelineTemplateView
                {
                    Id = saved.TemplateId,
                    SpaceId = saved.SpaceId,
                    SourcePipelineId = saved.SourcePipelineId,
                    Name = saved.Name,
                    Description = saved.Description,
                    Modality = saved.Modality,
                    Steps = saved.Steps.ToList(),
                    Resources = saved.Resources,
                    CreatedBy = saved.By,
                    CreatedAt = saved.At,
                    SortKey = SortKeys.For(saved.At, saved.TemplateId),
                };
                break;
            case PipelineTemplateDeleted when view is not null:
                view.IsDeleted = true;
                break;
            default:
                return view;
        }

        view.Version = e.Version;
        return view;
    }
}
