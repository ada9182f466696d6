using PanguGraph.Domain.Common;

namespace PanguGraph.Domain.Annotation;

public sealed record RegisterModelEndpoint(Caller Caller, Guid EndpointId, Guid SpaceId, string Name, string Url, string Model);

public sealed record CreateAnnotationTask(Caller Caller, Guid TaskId, Guid SpaceId, Guid DatasetId, AnnotationTaskRequest Request);

/// <summary>
/// Submits an item's annotation. With an expected version, the submit fails when the item changed
/// since the caller fetched it. Without one, the commit is still checked against the loaded version.
/// </summary>
public sealed record SubmitAnnotation(Caller Caller, Guid ItemId, string? Content, long? ExpectedVersion);

/// <summary>
/// Accepts the pre-annotations of every unfinished item of the caller in a partial-annotation task.
/// </summary>
public sealed record AcceptPreAnnotations(Caller Caller, Guid TaskId);

public sealed record ReviewItem(Caller Caller, Guid ItemId, bool Passed, string? Reason, long? ExpectedVersion);

/// <summary>
/// Passes every item that waits for the caller's review (partial review only).
/// </summary>
public sealed record PassRemainingReviews(Caller Caller, Guid TaskId);

public sealed record SendItemBackForRework(Caller Caller, Guid ItemId, string? Reason);

/// <summary>
/// Moves <paramref name="Count"/> unfinished items of a duty from one person to another, lowest
/// item index first. FromUserId defaults to the caller.
/// </summary>
public sealed record TransferItems(Caller Caller, Guid TaskId, Duty Duty, string? FromUserId, string ToUserId, int Count);

/// <summary>
/// Job message: completes the task when every item is finished and writes the annotated dataset.
/// Sent after each item reaches Done. Repeated and racing checks complete the task at most once.
/// </summary>
public sealed record CheckAnnotationTaskCompletion(Guid TaskId);

/// <summary>
/// Job message: requests a pre-annotation of every untouched item from the task's model endpoint.
/// </summary>
public sealed record RunPreAnnotation(Guid TaskId);
