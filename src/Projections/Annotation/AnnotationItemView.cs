using JasperFx.Events;
using Marten.Events.Aggregation;
using NodaTime;
using PanguGraph.Domain.Annotation;

namespace PanguGraph.Projections.Annotation;

/// <summary>
/// Read model of one item: its source, the current and previous annotation (for before/after
/// comparison), the model's proposal, who is working on it and where it is in the review loop.
/// </summary>
public sealed class AnnotationItemView
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public Guid SpaceId { get; set; }
    public int Index { get; set; }
    public ItemKind Kind { get; set; }
    public string Source { get; set; } = "";
    public string Annotator { get; set; } = "";
    public string? Reviewer { get; set; }
    public ItemStage Stage { get; set; }
    public string? Annotation { get; set; }
    public AnnotationOrigin? Origin { get; set; }
    public string? PreviousAnnotation { get; set; }
    public string? PreAnnotation { get; set; }
    public string? PreAnnotationModel { get; set; }
    public string? PreAnnotationError { get; set; }
    public string? AnnotatedBy { get; set; }
    public string? ReviewedBy { get; set; }
    public string? LastRejectionReason { get; set; }
    public int ReworkRounds { get; set; }
    public Instant? SubmittedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>
    /// True while the item shows a model's proposal that no person has accepted or edited.
    /// </summary>
    public bool MachineMade => PreAnnotation is not null && Annotation is null;
}

public sealed class AnnotationItemViewProjection : SingleStreamProjection<AnnotationItemView, Guid>
{
    public override AnnotationItemView? Evolve(AnnotationItemView? view, Guid id, IEvent e)
    {
        if (e.Data is ItemQueued queued)
        {
            view = new AnnotationItemView
            {
                Id = queued.ItemId, TaskId = queued.TaskId, SpaceId = queued.SpaceId, Index = queued.Index, Kind = queued.Kind,
                Source = queued.Source, Annotator = queued.Annotator, Reviewer = queued.Reviewer, Stage = ItemStage.Unannotated,
                UpdatedAt = queued.At,
            };
        }
        else if (view is null)
        {
            return null;
        }

        switch (e.Data)
        {
            case ItemPreAnnotated pre:
                view.PreAnnotation = pre.Content;
                view.PreAnnotationModel = pre.Model;
                view.PreAnnotationError = null;
                view.UpdatedAt = pre.At;
                break;
            case ItemPreAnnotationFailed failed:
                view.PreAnnotationError = $"{failed.Code}: {failed.Reason}";
                view.UpdatedAt = failed.At;
                break;
            case ItemAnnotated annotated:
                view.PreviousAnnotation = view.Annotation;
                view.Annotation = annotated.Content;
                view.Origin = annotated.Origin;
                view.AnnotatedBy = annotated.By;
                view.Stage = view.Reviewer is null ? ItemStage.Done : ItemStage.InReview;
                view.SubmittedAt = annotated.At;
                view.UpdatedAt = annotated.At;
                break;
            case ItemReviewPassed passed:
                view.Stage = ItemStage.Done;
                view.ReviewedBy = passed.By;
                view.UpdatedAt = passed.At;
                break;
            case ItemRejected rejected:
                view.Stage = ItemStage.Rework;
                view.ReviewedBy = rejected.By;
                view.LastRejectionReason = rejected.Reason;
                view.ReworkRounds = rejected.Round;
                view.UpdatedAt = rejected.At;
                break;
            case ItemSentBackForRework sentBack:
                view.Stage = ItemStage.Rework;
                view.LastRejectionReason = sentBack.Reason;
                view.ReworkRounds = sentBack.Round;
                view.UpdatedAt = sentBack.At;
                break;
            case ItemTransferred { Duty: Duty.Annotation } transferred:
                view.Annotator = transferred.To;
                view.UpdatedAt = transferred.At;
                break;
            case ItemTransferred { Duty: Duty.Review } transferred:
                view.Reviewer = transferred.To;
                view.UpdatedAt = transferred.At;
                break;
        }

        view.Version = e.Version;
        return view;
    }
}
