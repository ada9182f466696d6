using NodaTime;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Spaces;

namespace PanguGraph.Domain.Annotation;

public enum ItemStage
{
    /// <summary>Waiting for its first submit.</summary>
    Unannotated,

    /// <summary>Submitted and waiting for its reviewer.</summary>
    InReview,

    /// <summary>Rejected or sent back; waiting for its annotator again.</summary>
    Rework,

    /// <summary>Passed review, or submitted in a task without review.</summary>
    Done,
}

/// <summary>
/// Write model of one item of a task. Each item is its own stream, so annotators working on
/// different items never contend; two writes to the same item are ordered by the stream version.
/// </summary>
public sealed record AnnotationItem(
    Guid Id,
    Guid TaskId,
    Guid SpaceId,
    int Index,
    ItemKind Kind,
    string Annotator,
    string? Reviewer,
    ItemStage Stage,
    string? Annotation,
    string? PreAnnotation,
    int Round)
{
    public bool IsFinished => Stage == ItemStage.Done;

    /// <summary>
    /// Whether the item still waits for the holder of a duty: annotation work not yet submitted,
    /// or review work not yet decided.
    /// </summary>
    public bool IsOpenFor(Duty duty) => duty == Duty.Annotation
        ? Stage is ItemStage.Unannotated or ItemStage.Rework
        : Stage == ItemStage.InReview;

    public string? HolderOf(Duty duty) => duty == Duty.Annotation ? Annotator : Reviewer;

    public static AnnotationItem? Evolve(AnnotationItem? state, object @event) => @event switch
    {
        ItemQueued e => new AnnotationItem(e.ItemId, e.TaskId, e.SpaceId, e.Index, e.Kind, e.Annotator, e.Reviewer, ItemStage.Unannotated, null, null, 0),
        ItemPreAnnotated e when state is not null => state with { PreAnnotation = e.Content },
        ItemAnnotated e when state is not null => state with
        {
            Annotation = e.Content, Stage = state.Reviewer is null ? ItemStage.Done : ItemStage.InReview,
        },
        ItemReviewPassed when state is not null => state with { Stage = ItemStage.Done },
        ItemRejected e when state is not null => state with { Stage = ItemStage.Rework, Round = e.Round },
        ItemSentBackForRework e when state is not null => state with { Stage = ItemStage.Rework, Round = e.Round },
        ItemTransferred { Duty: Duty.Annotation } e when state is not null => state with { Annotator = e.To },
        ItemTransferred { Duty: Duty.Review } e when state is not null => state with { Reviewer = e.To },
        _ => state,
    };

    public Decision Submit(AnnotationTask task, string? content, Space space, Caller caller, Instant now)
    {
        var error = AnnotationAccess.Authorize(space, caller, Permission.Annotate)
                    ?? GuardOpen(task)
                    ?? (Annotator != caller.UserId ? AnnotationErrors.NotAllocatedToYou(Id, Duty.Annotation) : null)
                    ?? (!IsOpenFor(Duty.Annotation) ? AnnotationErrors.AlreadySubmitted(Id) : null);
        if (error is not null)
        {
            return error;
        }

        var (canonical, shapeError) = AnnotationShapes.Validate(Kind, content, task.Config.Labels);
        if (shapeError is not null)
        {
            return shapeError;
        }

        var origin = PreAnnotation is null ? AnnotationOrigin.Human
            : PreAnnotation == canonical ? AnnotationOrigin.MachineAccepted
            : AnnotationOrigin.MachineEdited;
        return Decision.Accept(new ItemAnnotated(Id, TaskId, canonical!, origin, Round, caller.UserId, now));
    }

    /// <summary>
    /// Accepts the model's pre-annotation as this item's annotation (partial annotation only).
    /// Items without a pre-annotation are left alone: no events.
    /// </summary>
    public Decision AcceptPreAnnotation(AnnotationTask task, Space space, Caller caller, Instant now)
    {
        var error = AnnotationAccess.Authorize(space, caller, Permission.Annotate)
                    ?? GuardOpen(task)
                    ?? (task.Config.AnnotationRequirement != AnnotationRequirement.Partial ? AnnotationErrors.PartialAnnotationNotAllowed(TaskId) : null)
                    ?? (Annotator != caller.UserId ? AnnotationErrors.NotAllocatedToYou(Id, Duty.Annotation) : null);
        if (error is not null)
        {
            return error;
        }

        return IsOpenFor(Duty.Annotation) && PreAnnotation is not null
            ? Decision.Accept(new ItemAnnotated(Id, TaskId, PreAnnotation, AnnotationOrigin.MachineAccepted, Round, caller.UserId, now))
            : Decision.Accept();
    }

    public Decision Review(AnnotationTask task, bool passed, string? reason, Space space, Caller caller, Instant now, bool bulk = false)
    {
        var error = AnnotationAccess.Authorize(space, caller, Permission.ReviewAnnotations)
                    ?? GuardOpen(task)
                    ?? (!task.Config.ReviewEnabled ? AnnotationErrors.ReviewNotEnabled(TaskId) : null)
                    ?? (Reviewer != caller.UserId ? AnnotationErrors.NotAllocatedToYou(Id, Duty.Review) : null)
                    ?? (!IsOpenFor(Duty.Review) ? AnnotationErrors.NotAwaitingReview(Id) : null);
        if (error is not null)
        {
            return error;
        }

        if (passed)
        {
            return Decision.Accept(new ItemReviewPassed(Id, TaskId, bulk, caller.UserId, now));
        }

        var reasonError = RequireReason(reason);
        return reasonError ?? Decision.Accept(new ItemRejected(Id, TaskId, reason!.Trim(), Round + 1, caller.UserId, now));
    }

    public Decision SendBackForRework(AnnotationTask task, string? reason, Space space, Caller caller, Instant now)
    {
        var error = AnnotationAccess.Authorize(space, caller, Permission.ManageAnnotationTasks)
                    ?? GuardOpen(task)
                    ?? (Stage is not (ItemStage.InReview or ItemStage.Done) ? AnnotationErrors.NotFinished(Id) : null)
                    ?? RequireReason(reason);
        return error ?? Decision.Accept(new ItemSentBackForRework(Id, TaskId, reason!.Trim(), Round + 1, Stage, caller.UserId, now));
    }

    /// <summary>
    /// Moves this item's duty to another person, after the task-level check passed. The item must
    /// still be open and held by <paramref name="from"/>; otherwise the whole transfer fails.
    /// </summary>
    public Decision TransferTo(Duty duty, string from, string to, Caller caller, Instant now)
    {
        if (!IsOpenFor(duty) || HolderOf(duty) != from)
        {
            return AnnotationErrors.TransferConflict(Id);
        }

        return Decision.Accept(new ItemTransferred(Id, TaskId, duty, from, to, caller.UserId, now));
    }

    /// <summary>
    /// Records a model's proposal. Only untouched items take one; an item a person already
    /// submitted keeps its annotation, so a late model reply changes nothing.
    /// </summary>
    public Decision PreAnnotate(string content, string model, Instant now) =>
        Stage == ItemStage.Unannotated && Annotation is null && PreAnnotation is null
            ? Decision.Accept(new ItemPreAnnotated(Id, TaskId, content, model, now))
            : Decision.Accept();

    public Decision FailPreAnnotation(string code, string reason, Instant now) =>
        Stage == ItemStage.Unannotated && Annotation is null && PreAnnotation is null
            ? Decision.Accept(new ItemPreAnnotationFailed(Id, TaskId, code, reason, now))
            : Decision.Accept();

    private DomainError? GuardOpen(AnnotationTask task) => task.IsCompleted ? AnnotationErrors.TaskCompleted(TaskId) : null;

    private static DomainError? RequireReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return AnnotationErrors.ReasonRequired();
        }

        return Text.LimitLength(reason.Trim(), "reason", AnnotationTask.MaxReasonLength);
    }
}
