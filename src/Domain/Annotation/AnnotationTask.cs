using System.Security.Cryptography;
using NodaTime;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Spaces;

namespace PanguGraph.Domain.Annotation;

public enum AnnotationTaskStatus
{
    InProgress,
    Completed,
}

/// <summary>
/// Configuration of a new task, as given by its creator.
/// </summary>
public sealed record AnnotationTaskRequest(
    string Name,
    ItemKind Kind,
    IReadOnlyList<string> Labels,
    AnnotationRequirement AnnotationRequirement,
    bool ReviewEnabled,
    ReviewRequirement ReviewRequirement,
    IReadOnlyList<Assignment> Annotators,
    IReadOnlyList<Assignment> Reviewers,
    Guid? ModelEndpointId);

/// <summary>
/// Write model of an annotation task: configuration, allocation and completion. The task stream is
/// written only at creation and completion; work on items goes to the items' own streams.
/// </summary>
public sealed record AnnotationTask(Guid Id, AnnotationTaskCreated Config, AnnotationTaskStatus Status, Guid? OutputDatasetId)
{
    public const int MaxItems = 20_000;
    public const int MaxLabels = 200;
    public const int MaxReasonLength = 1000;

    public Guid SpaceId => Config.SpaceId;
    public bool IsCompleted => Status == AnnotationTaskStatus.Completed;

    public static AnnotationTask? Evolve(AnnotationTask? state, object @event) => @event switch
    {
        AnnotationTaskCreated e => new AnnotationTask(e.TaskId, e, AnnotationTaskStatus.InProgress, null),
        AnnotationTaskCompleted e when state is not null => state with { Status = AnnotationTaskStatus.Completed, OutputDatasetId = e.OutputDatasetId },
        _ => state,
    };

    /// <summary>
    /// Decides the creation of a task over a dataset with <paramref name="itemCount"/> records.
    /// An empty annotator list gives every item to the creator.
    /// </summary>
    public static Decision Open(
        Guid taskId, AnnotationTaskRequest request, Dataset dataset, Modality datasetModality, int itemCount,
        bool endpointExists, Space space, Caller caller, Instant now)
    {
        var error = AnnotationAccess.Authorize(space, caller, Permission.CreateAnnotationTasks)
                    ?? (dataset.IsDeleted || dataset.SpaceId != space.Id || !Dataset.IsVisibleTo(dataset.Visibility, dataset.CreatedBy, space, caller)
                        ? Errors.NotFound("dataset", dataset.Id).AtField("datasetId")
                        : null)
                    ?? Text.RequireName(request.Name, "name")
                    ?? ValidateKind(request, datasetModality, endpointExists)
                    ?? (itemCount == 0 ? AnnotationErrors.DatasetEmpty(dataset.Id) : null)
                    ?? (itemCount > MaxItems ? AnnotationErrors.TooManyItems(itemCount, MaxItems) : null);
        if (error is not null)
        {
            return error;
        }

        var annotators = request.Annotators.Count == 0 ? [new Assignment(caller.UserId, itemCount)] : request.Annotators;
        error = ValidateAllocation("annotators", request.Annotators.Count == 0 ? [] : annotators, itemCount, Duty.Annotation, space)
                ?? ValidateReviewers(request, itemCount, space);
        if (error is not null)
        {
            return error;
        }

        return Decision.Accept(new AnnotationTaskCreated(
            taskId,
            space.Id,
            request.Name.Trim(),
            dataset.Id,
            datasetModality,
            request.Kind,
            request.Labels.Select(l => l.Trim()).ToList(),
            request.AnnotationRequirement,
            request.ReviewEnabled,
            request.ReviewRequirement,
            annotators,
            request.ReviewEnabled ? request.Reviewers : [],
            request.ModelEndpointId,
            itemCount,
            caller.UserId,
            now));
    }

    /// <summary>
    /// The items of a new task in dataset order: the first annotator takes the first items up to their
    /// count, the next one the following items, and reviewers are laid over the same order likewise.
    /// </summary>
    public static IReadOnlyList<ItemQueued> QueueItems(AnnotationTaskCreated created, IReadOnlyList<string> sources)
    {
        var annotators = Expand(created.Annotators);
        var reviewers = created.ReviewEnabled ? Expand(created.Reviewers) : [];
        return sources.Select((source, index) => new ItemQueued(
                ItemIds.For(created.TaskId, index),
                created.TaskId,
                created.SpaceId,
                index,
                created.Kind,
                source,
                annotators[index],
                created.ReviewEnabled ? reviewers[index] : null,
                created.By,
                created.At))
            .ToList();
    }

    /// <summary>
    /// Completes the task once every item is finished. Returns no events when it already completed,
    /// so a repeated completion check does nothing.
    /// </summary>
    public Decision Complete(int finishedItems, Guid outputDatasetId, string by, Instant now)
    {
        if (IsCompleted || finishedItems < Config.ItemCount)
        {
            return Decision.Accept();
        }

        return Decision.Accept(new AnnotationTaskCompleted(Id, SpaceId, outputDatasetId, Config.ItemCount, by, now));
    }

    /// <summary>
    /// Checks a transfer of <paramref name="count"/> items of a duty from one person to another,
    /// before any item is touched. Annotators and reviewers move their own work; managers move anyone's.
    /// </summary>
    public DomainError? CheckTransfer(Duty duty, string from, string to, int count, int unfinished, Space space, Caller caller)
    {
        if (IsCompleted)
        {
            return AnnotationErrors.TaskCompleted(Id);
        }

        var error = from == caller.UserId ? AuthorizeOwnTransfer(duty, space, caller) : AuthorizeTransferOfOthers(from, space, caller);
        if (error is not null)
        {
            return error;
        }

        if (duty == Duty.Review && !Config.ReviewEnabled)
        {
            return AnnotationErrors.ReviewNotEnabled(Id);
        }

        if (from == to)
        {
            return AnnotationErrors.TransferToSelf();
        }

        if (!AnnotationAccess.CanHold(space, to, duty))
        {
            return AnnotationErrors.CannotHoldDuty("toUserId", to, duty);
        }

        if (count < 1)
        {
            return Errors.Invalid("count", "transfer at least 1 item.", "至少移交 1 条。");
        }

        return count > unfinished ? AnnotationErrors.TransferTooMany(count, unfinished, from) : null;
    }

    private static DomainError? AuthorizeOwnTransfer(Duty duty, Space space, Caller caller)
    {
        var error = AnnotationAccess.Authorize(space, caller, duty == Duty.Annotation ? Permission.Annotate : Permission.ReviewAnnotations);
        return error is not null && AnnotationAccess.Authorize(space, caller, Permission.ManageAnnotationTasks) is null ? null : error;
    }

    private static DomainError? AuthorizeTransferOfOthers(string from, Space space, Caller caller)
    {
        var error = AnnotationAccess.Authorize(space, caller, Permission.ManageAnnotationTasks);
        return error is { Code: "FORBIDDEN" } && space.RoleOf(caller.UserId) is not null ? AnnotationErrors.TransferOthersWork(from) : error;
    }

    private static DomainError? ValidateKind(AnnotationTaskRequest request, Modality datasetModality, bool endpointExists)
    {
        if (ItemKinds.ModalityOf(request.Kind) != datasetModality)
        {
            return AnnotationErrors.KindDoesNotFitDataset(request.Kind, datasetModality);
        }

        if (request.Labels.Count > MaxLabels)
        {
            return Errors.Invalid("labels", $"give at most {MaxLabels} labels.", $"标签最多 {MaxLabels} 个。");
        }

        for (var i = 0; i < request.Labels.Count; i++)
        {
            if (Text.RequireName(request.Labels[i], "labels") is { } labelError)
            {
                return labelError.AtField("labels", i.ToString());
            }
        }

        if (request.Labels.Select(l => l.Trim()).Distinct().Count() != request.Labels.Count)
        {
            return Errors.Invalid("labels", "each label may appear once.", "每个标签只能出现一次。");
        }

        if (ItemKinds.UsesLabels(request.Kind) && request.Labels.Count == 0)
        {
            return AnnotationErrors.LabelsRequired(request.Kind);
        }

        if (request.ModelEndpointId is not null)
        {
            if (!ItemKinds.SupportsPreAnnotation(request.Kind))
            {
                return AnnotationErrors.PreAnnotationNotSupported(request.Kind);
            }

            if (!endpointExists)
            {
                return Errors.NotFound("model endpoint", request.ModelEndpointId).AtField("modelEndpointId");
            }
        }

        return request.AnnotationRequirement == AnnotationRequirement.Partial && request.ModelEndpointId is null
            ? AnnotationErrors.PartialNeedsPreAnnotation()
            : null;
    }

    private static DomainError? ValidateReviewers(AnnotationTaskRequest request, int itemCount, Space space)
    {
        if (!request.ReviewEnabled)
        {
            return request.Reviewers.Count > 0 ? AnnotationErrors.ReviewersWithoutReview() : null;
        }

        return request.Reviewers.Count == 0
            ? Errors.Required("reviewers")
            : ValidateAllocation("reviewers", request.Reviewers, itemCount, Duty.Review, space);
    }

    private static DomainError? ValidateAllocation(string field, IReadOnlyList<Assignment> assignments, int itemCount, Duty duty, Space space)
    {
        for (var i = 0; i < assignments.Count; i++)
        {
            if (assignments[i].Count < 1)
            {
                return AnnotationErrors.InvalidCount(field, i);
            }

            if (!AnnotationAccess.CanHold(space, assignments[i].UserId, duty))
            {
                return AnnotationErrors.CannotHoldDuty(field, assignments[i].UserId, duty);
            }
        }

        var duplicate = assignments.GroupBy(a => a.UserId).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return AnnotationErrors.DuplicatePerson(field, duplicate.Key);
        }

        var total = assignments.Sum(a => (long)a.Count);
        return assignments.Count > 0 && total != itemCount ? AnnotationErrors.AllocationMismatch(field, (int)Math.Min(total, int.MaxValue), itemCount) : null;
    }

    private static List<string> Expand(IReadOnlyList<Assignment> assignments) =>
        assignments.SelectMany(a => Enumerable.Repeat(a.UserId, a.Count)).ToList();
}

/// <summary>
/// Item stream ids derived from the task id and the item's position, so that every component
/// (and a replay) finds an item without a lookup table.
/// </summary>
public static class ItemIds
{
    /// <summary>
    /// Id of the annotated dataset a task produces, fixed in advance so that two racing completion
    /// checks write the same dataset and the second one's stream start fails instead of duplicating it.
    /// </summary>
    public static Guid OutputDatasetFor(Guid taskId) => For(taskId, -1);

    public static Guid For(Guid taskId, int index)
    {
        Span<byte> input = stackalloc byte[20];
        taskId.TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], index);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        return new Guid(hash[..16]);
    }
}
