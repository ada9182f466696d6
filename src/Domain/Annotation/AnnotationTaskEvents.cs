using NodaTime;
using PanguGraph.Domain.Datasets;

namespace PanguGraph.Domain.Annotation;

public enum AnnotationRequirement
{
    /// <summary>Every item needs a person's submit.</summary>
    Full,

    /// <summary>Annotators may accept the model's pre-annotations of their remaining items in one step.</summary>
    Partial,
}

public enum ReviewRequirement
{
    /// <summary>Reviewers pass or reject every item one by one.</summary>
    Full,

    /// <summary>After reviewing some items, a reviewer may pass all items still waiting for them at once.</summary>
    Partial,
}

/// <summary>
/// A person and how many items they take, in the order given at creation.
/// </summary>
public sealed record Assignment(string UserId, int Count);

/// <summary>
/// The task's configuration and its allocation. Items themselves live in their own streams.
/// </summary>
public sealed record AnnotationTaskCreated(
    Guid TaskId,
    Guid SpaceId,
    string Name,
    Guid DatasetId,
    Modality Modality,
    ItemKind Kind,
    IReadOnlyList<string> Labels,
    AnnotationRequirement AnnotationRequirement,
    bool ReviewEnabled,
    ReviewRequirement ReviewRequirement,
    IReadOnlyList<Assignment> Annotators,
    IReadOnlyList<Assignment> Reviewers,
    Guid? ModelEndpointId,
    int ItemCount,
    string By,
    Instant At);

/// <summary>
/// Every item is finished; the annotated dataset <paramref name="OutputDatasetId"/> was written.
/// </summary>
public sealed record AnnotationTaskCompleted(Guid TaskId, Guid SpaceId, Guid OutputDatasetId, int ItemCount, string By, Instant At);

/// <summary>
/// A new dataset holding a completed task's annotations, one JSONL record per item with its
/// annotator and reviewer. Starts the new dataset's stream; the source dataset is its lineage.
/// </summary>
public sealed record AnnotatedDatasetCreated(
    Guid DatasetId,
    Guid SpaceId,
    Guid SourceDatasetId,
    Guid AnnotationTaskId,
    string Name,
    Modality Modality,
    Visibility Visibility,
    int DatasetVersion,
    DatasetStatistics Statistics,
    StorageLocation Location,
    string By,
    Instant At);
