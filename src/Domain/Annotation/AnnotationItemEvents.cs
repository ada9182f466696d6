using NodaTime;

namespace PanguGraph.Domain.Annotation;

/// <summary>
/// Which duty of an item a person holds: annotating it or reviewing it.
/// </summary>
public enum Duty
{
    Annotation,
    Review,
}

/// <summary>
/// Who produced a submitted annotation: a person alone, a person who edited the model's
/// pre-annotation, or a person who accepted the pre-annotation unchanged.
/// </summary>
public enum AnnotationOrigin
{
    Human,
    MachineEdited,
    MachineAccepted,
}

/// <summary>
/// Starts an item's stream: the source record (JSON) and the people it is allocated to.
/// Reviewer is null when the task has no review.
/// </summary>
public sealed record ItemQueued(
    Guid ItemId, Guid TaskId, Guid SpaceId, int Index, ItemKind Kind, string Source, string Annotator, string? Reviewer, string By, Instant At);

/// <summary>
/// A model proposed an annotation. It stays machine-made until a person accepts or edits it.
/// </summary>
public sealed record ItemPreAnnotated(Guid ItemId, Guid TaskId, string Content, string Model, Instant At);

public sealed record ItemPreAnnotationFailed(Guid ItemId, Guid TaskId, string Code, string Reason, Instant At);

/// <summary>
/// A person submitted an annotation. Round is 0 for the first submit and counts reworks after that.
/// </summary>
public sealed record ItemAnnotated(Guid ItemId, Guid TaskId, string Content, AnnotationOrigin Origin, int Round, string By, Instant At);

/// <summary>
/// The reviewer passed the item. Bulk is true when it was passed with the rest of a partial review.
/// </summary>
public sealed record ItemReviewPassed(Guid ItemId, Guid TaskId, bool Bulk, string By, Instant At);

public sealed record ItemRejected(Guid ItemId, Guid TaskId, string Reason, int Round, string By, Instant At);

/// <summary>
/// A task manager returned a submitted item (in review or done) to its annotator for rework.
/// </summary>
public sealed record ItemSentBackForRework(Guid ItemId, Guid TaskId, string Reason, int Round, ItemStage PreviousStage, string By, Instant At);

public sealed record ItemTransferred(Guid ItemId, Guid TaskId, Duty Duty, string From, string To, string By, Instant At);
