using JasperFx.Events;
using Marten;
using NodaTime;
using PanguGraph.Compute.EventStore;
using PanguGraph.Domain.Annotation;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Spaces;
using PanguGraph.Projections.Annotation;
using PanguGraph.Projections.Audit;
using Wolverine;

namespace PanguGraph.Compute.Annotation;

/// <summary>
/// Commands on single items. Each writes only the item's own stream, at the version it loaded, so a
/// concurrent change of the same item (a transfer, a second submit) makes this commit fail with a
/// concurrency conflict instead of overwriting it.
/// </summary>
public static class AnnotationItemCommandHandler
{
    public static async Task<(CommandOutcome, OutgoingMessages)> Handle(SubmitAnnotation command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var context = await ItemContext.LoadAsync(session, command.ItemId, command.ExpectedVersion, cancellationToken);
        if (context.Error is not null)
        {
            return (CommandOutcome.Rejected(context.Error), []);
        }

        var decision = context.Item!.Submit(context.Task!, command.Content, context.Space!, command.Caller, clock.GetCurrentInstant());
        return context.Apply(session, decision, command.Caller);
    }

    public static async Task<(CommandOutcome, OutgoingMessages)> Handle(ReviewItem command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var context = await ItemContext.LoadAsync(session, command.ItemId, command.ExpectedVersion, cancellationToken);
        if (context.Error is not null)
        {
            return (CommandOutcome.Rejected(context.Error), []);
        }

        var decision = context.Item!.Review(context.Task!, command.Passed, command.Reason, context.Space!, command.Caller, clock.GetCurrentInstant());
        return context.Apply(session, decision, command.Caller);
    }

    public static async Task<(CommandOutcome, OutgoingMessages)> Handle(SendItemBackForRework command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var context = await ItemContext.LoadAsync(session, command.ItemId, null, cancellationToken);
        if (context.Error is not null)
        {
            return (CommandOutcome.Rejected(context.Error), []);
        }

        var decision = context.Item!.SendBackForRework(context.Task!, command.Reason, context.Space!, command.Caller, clock.GetCurrentInstant());
        return context.Apply(session, decision, command.Caller);
    }

    private sealed record ItemContext(IEventStream<AnnotationItem>? Stream, AnnotationTask? Task, Space? Space, DomainError? Error)
    {
        public AnnotationItem? Item => Stream?.Aggregate;

        public static async Task<ItemContext> LoadAsync(IDocumentSession session, Guid itemId, long? expectedVersion, CancellationToken cancellationToken)
        {
            var stream = await session.FetchWritable<AnnotationItem>(itemId, expectedVersion, cancellationToken);
            if (stream.Aggregate is null)
            {
                return new ItemContext(null, null, null, Errors.NotFound("annotation item", itemId).AtField("itemId"));
            }

            var task = await session.Events.AggregateStreamAsync<AnnotationTask>(stream.Aggregate.TaskId, token: cancellationToken);
            var space = await session.LoadSpaceAsync(stream.Aggregate.SpaceId, cancellationToken);
            return task is null || space is null
                ? new ItemContext(null, null, null, Errors.NotFound("annotation item", itemId).AtField("itemId"))
                : new ItemContext(stream, task, space, null);
        }

        /// <summary>
        /// Appends the decision and, when the item just finished, queues a completion check that
        /// runs after this transaction commits.
        /// </summary>
        public (CommandOutcome, OutgoingMessages) Apply(IDocumentSession session, Decision decision, Caller caller)
        {
            var outcome = session.Apply(Stream!, decision, caller, Item!.Id);
            var messages = new OutgoingMessages();
            var finished = decision.Events.Aggregate(Item, (state, e) => AnnotationItem.Evolve(state, e)!)?.IsFinished == true;
            if (!decision.IsRejected && finished && !Item.IsFinished)
            {
                messages.Add(new CheckAnnotationTaskCompletion(Item.TaskId));
            }

            return (outcome, messages);
        }
    }
}

/// <summary>
/// Commands that touch many items of one person at once. They append to every item stream in one
/// transaction, each at the version read, so either all items change or none does.
/// </summary>
public static class AnnotationBulkCommandHandler
{
    public static async Task<(CommandOutcome, OutgoingMessages)> Handle(TransferItems command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var (task, space, error) = await LoadTaskAsync(session, command.TaskId, cancellationToken);
        if (error is not null)
        {
            return (CommandOutcome.Rejected(error), []);
        }

        var from = string.IsNullOrWhiteSpace(command.FromUserId) ? command.Caller.UserId : command.FromUserId.Trim();
        var open = await OpenItemsAsync(session, command.TaskId, command.Duty, from, cancellationToken);
        error = task!.CheckTransfer(command.Duty, from, command.ToUserId.Trim(), command.Count, open.Count, space!, command.Caller);
        if (error is not null)
        {
            return (CommandOutcome.Rejected(error), []);
        }

        var now = clock.GetCurrentInstant();
        var to = command.ToUserId.Trim();
        var transferError = await DecideAllAsync(session, open.Take(command.Count).ToList(), item => item.TransferTo(command.Duty, from, to, command.Caller, now), cancellationToken);
        if (transferError is not null)
        {
            return (CommandOutcome.Rejected(transferError), []);
        }

        session.StampActor(command.Caller.UserId);
        return (CommandOutcome.Done(command.TaskId), []);
    }

    public static async Task<(CommandOutcome, OutgoingMessages)> Handle(AcceptPreAnnotations command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var (task, space, error) = await LoadTaskAsync(session, command.TaskId, cancellationToken);
        if (error is not null)
        {
            return (CommandOutcome.Rejected(error), []);
        }

        var open = await OpenItemsAsync(session, command.TaskId, Duty.Annotation, command.Caller.UserId, cancellationToken);
        return await DecideEachAsync(session, open.Where(i => i.PreAnnotation is not null).ToList(), command.Caller, task!,
            item => item.AcceptPreAnnotation(task!, space!, command.Caller, clock.GetCurrentInstant()),
            () => AnnotationAccess.Authorize(space!, command.Caller, Permission.Annotate)
                  ?? (task!.Config.AnnotationRequirement != AnnotationRequirement.Partial ? AnnotationErrors.PartialAnnotationNotAllowed(task.Id) : null)
                  ?? AnnotationErrors.NothingToAccept(),
            cancellationToken);
    }

    public static async Task<(CommandOutcome, OutgoingMessages)> Handle(PassRemainingReviews command, IDocumentSession session, IClock clock, CancellationToken cancellationToken)
    {
        var (task, space, error) = await LoadTaskAsync(session, command.TaskId, cancellationToken);
        if (error is not null)
        {
            return (CommandOutcome.Rejected(error), []);
        }

        error = AnnotationAccess.Authorize(space!, command.Caller, Permission.ReviewAnnotations)
                ?? (task!.Config.ReviewRequirement != ReviewRequirement.Partial ? AnnotationErrors.PartialReviewNotAllowed(task.Id) : null);
        if (error is not null)
        {
            return (CommandOutcome.Rejected(error), []);
        }

        var open = await OpenItemsAsync(session, command.TaskId, Duty.Review, command.Caller.UserId, cancellationToken);
        return await DecideEachAsync(session, open, command.Caller, task!,
            item => item.Review(task!, true, null, space!, command.Caller, clock.GetCurrentInstant(), bulk: true),
            () => null,
            cancellationToken);
    }

    private static async Task<(CommandOutcome, OutgoingMessages)> DecideEachAsync(
        IDocumentSession session, IReadOnlyList<AnnotationItemView> items, Caller caller, AnnotationTask task,
        Func<AnnotationItem, Decision> decide, Func<DomainError?> whenEmpty, CancellationToken cancellationToken)
    {
        if (items.Count == 0 && whenEmpty() is { } emptyError)
        {
            return (CommandOutcome.Rejected(emptyError), []);
        }

        var finishedAny = false;
        var error = await DecideAllAsync(session, items, item =>
        {
            var decision = decide(item);
            finishedAny |= !decision.IsRejected && decision.Events.Aggregate(item, (state, e) => AnnotationItem.Evolve(state, e)!).IsFinished;
            return decision;
        }, cancellationToken);
        if (error is not null)
        {
            return (CommandOutcome.Rejected(error), []);
        }

        session.StampActor(caller.UserId);
        var messages = new OutgoingMessages();
        if (finishedAny)
        {
            messages.Add(new CheckAnnotationTaskCompletion(task.Id));
        }

        return (CommandOutcome.Done(task.Id), messages);
    }

    /// <summary>
    /// Loads every item at the version its view showed and decides on each; appends only when every
    /// decision is accepted, so a rejection leaves all items untouched. A stream that moved on since
    /// its view was read makes the commit fail as a concurrency conflict.
    /// </summary>
    private static async Task<DomainError?> DecideAllAsync(
        IDocumentSession session, IReadOnlyList<AnnotationItemView> items, Func<AnnotationItem, Decision> decide, CancellationToken cancellationToken)
    {
        var pending = new List<(IEventStream<AnnotationItem> Stream, Decision Decision)>();
        foreach (var view in items)
        {
            var stream = await session.Events.FetchForWriting<AnnotationItem>(view.Id, view.Version, cancellationToken);
            var decision = decide(stream.Aggregate!);
            if (decision.IsRejected)
            {
                return decision.Error;
            }

            pending.Add((stream, decision));
        }

        foreach (var (stream, decision) in pending)
        {
            stream.AppendMany(decision.Events.ToArray());
        }

        return null;
    }

    private static async Task<(AnnotationTask? Task, Space? Space, DomainError? Error)> LoadTaskAsync(IDocumentSession session, Guid taskId, CancellationToken cancellationToken)
    {
        var task = await session.Events.AggregateStreamAsync<AnnotationTask>(taskId, token: cancellationToken);
        var space = task is null ? null : await session.LoadSpaceAsync(task.SpaceId, cancellationToken);
        if (task is null || space is null)
        {
            return (null, null, Errors.NotFound("annotation task", taskId).AtField("taskId"));
        }

        return (task, space, task.IsCompleted ? AnnotationErrors.TaskCompleted(taskId) : null);
    }

    /// <summary>
    /// The open items a person holds for a duty, lowest index first, from the inline item views.
    /// </summary>
    public static async Task<IReadOnlyList<AnnotationItemView>> OpenItemsAsync(
        IQuerySession session, Guid taskId, Duty duty, string userId, CancellationToken cancellationToken)
    {
        IQueryable<AnnotationItemView> items = session.Query<AnnotationItemView>().Where(i => i.TaskId == taskId);
        items = duty == Duty.Annotation
            ? items.Where(i => i.Annotator == userId && (i.Stage == ItemStage.Unannotated || i.Stage == ItemStage.Rework))
            : items.Where(i => i.Reviewer == userId && i.Stage == ItemStage.InReview);
        return await items.OrderBy(i => i.Index).ToListAsync(cancellationToken);
    }
}
