using JasperFx.Events;
using Marten.Events.Projections;
using NodaTime;
using PanguGraph.Domain.Annotation;

namespace PanguGraph.Projections.Annotation;

/// <summary>
/// Counts of one person in one task. Allocated items follow transfers.
/// </summary>
public sealed class PersonProgress
{
    public string UserId { get; set; } = "";
    public int AnnotationsHeld { get; set; }
    public int Submits { get; set; }
    public int ReviewsHeld { get; set; }
    public int Passed { get; set; }
    public int Rejected { get; set; }
    public int Reworks { get; set; }
}

/// <summary>
/// Live dashboard of a task, kept by the async daemon from the events of all its item streams.
/// The daemon applies events one at a time in sequence order, so concurrent submits never race
/// on this document, and a rebuild from the events gives the same counts.
/// </summary>
public sealed class AnnotationProgressView
{
    public Guid Id { get; set; }
    public int Total { get; set; }
    public int Unannotated { get; set; }
    public int InReview { get; set; }
    public int Rework { get; set; }
    public int Done { get; set; }
    public int Submits { get; set; }
    public int Reviews { get; set; }
    public int Rejections { get; set; }
    public int SentBack { get; set; }
    public int Transfers { get; set; }
    public int PreAnnotated { get; set; }
    public int PreAnnotationFailures { get; set; }
    public int AcceptedPreAnnotations { get; set; }
    public long ReviewMillisecondsTotal { get; set; }
    public bool Completed { get; set; }
    public bool ReviewEnabled { get; set; }
    public Dictionary<string, PersonProgress> People { get; set; } = [];

    /// <summary>
    /// Submit time of each item now waiting for review, to measure time in review. Entries leave
    /// when the review decision arrives.
    /// </summary>
    public Dictionary<Guid, Instant> WaitingSince { get; set; } = [];

    public long LastSequence { get; set; }

    public double RejectionRate => Reviews == 0 ? 0 : (double)Rejections / Reviews;

    public int ReworkRounds => Rejections + SentBack;

    public double? AverageSecondsInReview => Reviews == 0 ? null : ReviewMillisecondsTotal / 1000.0 / Reviews;

    public PersonProgress Person(string userId)
    {
        if (!People.TryGetValue(userId, out var person))
        {
            person = new PersonProgress { UserId = userId };
            People[userId] = person;
        }

        return person;
    }
}

public sealed class AnnotationProgressProjection : MultiStreamProjection<AnnotationProgressView, Guid>
{
    public AnnotationProgressProjection()
    {
        Identity<ItemQueued>(e => e.TaskId);
        Identity<ItemPreAnnotated>(e => e.TaskId);
        Identity<ItemPreAnnotationFailed>(e => e.TaskId);
        Identity<ItemAnnotated>(e => e.TaskId);
        Identity<ItemReviewPassed>(e => e.TaskId);
        Identity<ItemRejected>(e => e.TaskId);
        Identity<ItemSentBackForRework>(e => e.TaskId);
        Identity<ItemTransferred>(e => e.TaskId);
        Identity<AnnotationTaskCompleted>(e => e.TaskId);
    }

    public override AnnotationProgressView? Evolve(AnnotationProgressView? view, Guid id, IEvent e)
    {
        view ??= new AnnotationProgressView { Id = id };
        switch (e.Data)
        {
            case ItemQueued queued:
                view.Total++;
                view.Unannotated++;
                view.ReviewEnabled = queued.Reviewer is not null;
                view.Person(queued.Annotator).AnnotationsHeld++;
                if (queued.Reviewer is not null)
                {
                    view.Person(queued.Reviewer).ReviewsHeld++;
                }

                break;
            case ItemPreAnnotated:
                view.PreAnnotated++;
                break;
            case ItemPreAnnotationFailed:
                view.PreAnnotationFailures++;
                break;
            case ItemAnnotated annotated:
                ApplySubmit(view, annotated, e.StreamId);
                break;
            case ItemReviewPassed passed:
                ApplyReview(view, e.StreamId, passed.At);
                view.Done++;
                view.Person(passed.By).Passed++;
                break;
            case ItemRejected rejected:
                ApplyReview(view, e.StreamId, rejected.At);
                view.Rework++;
                view.Rejections++;
                view.Person(rejected.By).Rejected++;
                break;
            case ItemSentBackForRework sentBack:
                if (sentBack.PreviousStage == ItemStage.InReview)
                {
                    view.InReview--;
                    view.WaitingSince.Remove(e.StreamId);
                }
                else
                {
                    view.Done--;
                }

                view.Rework++;
                view.SentBack++;
                break;
            case ItemTransferred transferred:
                view.Transfers++;
                if (transferred.Duty == Duty.Annotation)
                {
                    view.Person(transferred.From).AnnotationsHeld--;
                    view.Person(transferred.To).AnnotationsHeld++;
                }
                else
                {
                    view.Person(transferred.From).ReviewsHeld--;
                    view.Person(transferred.To).ReviewsHeld++;
                }

                break;
            case AnnotationTaskCompleted:
                view.Completed = true;
                break;
        }

        view.LastSequence = Math.Max(view.LastSequence, e.Sequence);
        return view;
    }

    private static void ApplySubmit(AnnotationProgressView view, ItemAnnotated annotated, Guid itemId)
    {
        // Round 0 is the first submit of an untouched item; later rounds answer a rejection or send-back.
        if (annotated.Round == 0)
        {
            view.Unannotated--;
        }
        else
        {
            view.Rework--;
            view.Person(annotated.By).Reworks++;
        }

        view.Submits++;
        if (annotated.Origin == AnnotationOrigin.MachineAccepted)
        {
            view.AcceptedPreAnnotations++;
        }

        view.Person(annotated.By).Submits++;
        if (view.ReviewEnabled)
        {
            view.InReview++;
            view.WaitingSince[itemId] = annotated.At;
        }
        else
        {
            view.Done++;
        }
    }

    private static void ApplyReview(AnnotationProgressView view, Guid itemId, Instant at)
    {
        view.InReview--;
        view.Reviews++;
        if (view.WaitingSince.Remove(itemId, out var since))
        {
            view.ReviewMillisecondsTotal += (long)(at - since).TotalMilliseconds;
        }
    }
}
