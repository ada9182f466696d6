using JasperFx.Events;
using Marten.Events.Aggregation;
using NodaTime;
using PanguGraph.Domain.Annotation;
using PanguGraph.Domain.Datasets;
using PanguGraph.Projections.Configuration;

namespace PanguGraph.Projections.Annotation;

/// <summary>
/// Read model of an annotation task's configuration and status. Counts live in
/// <see cref="AnnotationProgressView"/>, because the task stream is not written per item.
/// </summary>
public sealed class AnnotationTaskView
{
    public Guid Id { get; set; }
    public Guid SpaceId { get; set; }
    public string Name { get; set; } = "";
    public Guid DatasetId { get; set; }
    public Modality Modality { get; set; }
    public ItemKind Kind { get; set; }
    public List<string> Labels { get; set; } = [];
    public AnnotationRequirement AnnotationRequirement { get; set; }
    public bool ReviewEnabled { get; set; }
    public ReviewRequirement ReviewRequirement { get; set; }
    public List<Assignment> Annotators { get; set; } = [];
    public List<Assignment> Reviewers { get; set; } = [];
    public Guid? ModelEndpointId { get; set; }
    public int ItemCount { get; set; }
    public AnnotationTaskStatus Status { get; set; }
    public Guid? OutputDatasetId { get; set; }
    public string CreatedBy { get; set; } = "";
    public Instant CreatedAt { get; set; }
    public Instant? CompletedAt { get; set; }
    public long Version { get; set; }
    public string SortKey { get; set; } = "";
}

public sealed class AnnotationTaskViewProjection : SingleStreamProjection<AnnotationTaskView, Guid>
{
    public override AnnotationTaskView? Evolve(AnnotationTaskView? view, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case AnnotationTaskCreated created:
                view = new AnnotationTaskView
                {
                    Id = created.TaskId,
                    SpaceId = created.SpaceId,
                    Name = created.Name,
                    DatasetId = created.DatasetId,
                    Modality = created.Modality,
                    Kind = created.Kind,
                    Labels = created.Labels.ToList(),
                    AnnotationRequirement = created.AnnotationRequirement,
                    ReviewEnabled = created.ReviewEnabled,
                    ReviewRequirement = created.ReviewRequirement,
                    Annotators = created.Annotators.ToList(),
                    Reviewers = created.Reviewers.ToList(),
                    ModelEndpointId = created.ModelEndpointId,
                    ItemCount = created.ItemCount,
                    Status = AnnotationTaskStatus.InProgress,
                    CreatedBy = created.By,
                    CreatedAt = created.At,
                    SortKey = SortKeys.For(created.At, created.TaskId),
                };
                break;
            case AnnotationTaskCompleted completed when view is not null:
                view.Status = AnnotationTaskStatus.Completed;
                view.OutputDatasetId = completed.OutputDatasetId;
                view.CompletedAt = completed.At;
                break;
            default:
                return view;
        }

        view.Version = e.Version;
        return view;
    }
}

/// <summary>
/// A registered model endpoint as listed to the space. The URL is shown to members because it is
/// not a secret; no credentials are stored.
/// </summary>
public sealed class ModelEndpointView
{
    public Guid Id { get; set; }
    public Guid SpaceId { get; set; }
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";
    public string Model { get; set; } = "";
    public string RegisteredBy { get; set; } = "";
    public Instant RegisteredAt { get; set; }
    public string SortKey { get; set; } = "";
}

public sealed class ModelEndpointViewProjection : SingleStreamProjection<ModelEndpointView, Guid>
{
    public override ModelEndpointView? Evolve(ModelEndpointView? view, Guid id, IEvent e) => e.Data switch
    {
        ModelEndpointRegistered r => new ModelEndpointView
        {
            Id = r.EndpointId, SpaceId = r.SpaceId, Name = r.Name, Url = r.Url, Model = r.Model,
            RegisteredBy = r.By, RegisteredAt = r.At, SortKey = SortKeys.For(r.At, r.EndpointId),
        },
        _ => view,
    };
}
