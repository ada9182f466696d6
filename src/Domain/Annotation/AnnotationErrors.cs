using PanguGraph.Domain.Common;

namespace PanguGraph.Domain.Annotation;

public static class AnnotationErrors
{
    public static DomainError KindDoesNotFitDataset(ItemKind kind, object modality) => new(
        "ITEM_KIND_MISMATCH",
        $"The item kind {ApiNames.Of(kind)} annotates {ApiNames.Of(ItemKinds.ModalityOf(kind))} data, but the dataset is {ApiNames.Of(modality)}. Choose a kind for {ApiNames.Of(modality)} data.",
        $"标注项 {ApiNames.Of(kind)} 适用于 {ApiNames.Of(ItemKinds.ModalityOf(kind))} 类数据，而该数据集为 {ApiNames.Of(modality)} 类。请选择适用于 {ApiNames.Of(modality)} 类数据的标注项。",
        ["kind"]);

    public static DomainError LabelsRequired(ItemKind kind) => new(
        "LABELS_REQUIRED",
        $"The item kind {ApiNames.Of(kind)} picks labels from a label set. Give at least one label.",
        $"标注项 {ApiNames.Of(kind)} 需要从标签集中选择标签。请至少提供一个标签。",
        ["labels"]);

    public static DomainError PreAnnotationNotSupported(ItemKind kind) => new(
        "PRE_ANNOTATION_NOT_SUPPORTED",
        $"AI pre-annotation is available for single-turn QA (with or without persona) and image captions, not for {ApiNames.Of(kind)}. Remove the model endpoint.",
        $"AI 预标注仅支持单轮问答（含人设）和图片 Caption，不支持 {ApiNames.Of(kind)}。请移除模型服务。",
        ["modelEndpointId"]);

    public static DomainError PartialNeedsPreAnnotation() => new(
        "PARTIAL_NEEDS_PRE_ANNOTATION",
        "Partial annotation lets annotators accept model pre-annotations, so it needs a model endpoint. Choose one, or require full annotation.",
        "可部分标注依赖 AI 预标注，需要选择模型服务。请选择模型服务，或改为全部标注。",
        ["annotationRequirement"]);

    public static DomainError AllocationMismatch(string field, int allocated, int itemCount) => new(
        "ALLOCATION_MISMATCH",
        $"The counts in '{field}' add up to {allocated}, but the dataset has {itemCount} items. Allocate exactly {itemCount}.",
        $"“{field}”中的数量合计为 {allocated}，而数据集共有 {itemCount} 条。请恰好分配 {itemCount} 条。",
        [field]);

    public static DomainError InvalidCount(string field, int index) => new(
        "INVALID_COUNT",
        $"Every count in '{field}' must be at least 1; entry {index} is not.",
        $"“{field}”中每项数量至少为 1，第 {index} 项不满足。",
        [field, index.ToString(), "count"]);

    public static DomainError DuplicatePerson(string field, string userId) => new(
        "DUPLICATE_PERSON",
        $"'{userId}' appears more than once in '{field}'. List each person once with their total count.",
        $"“{userId}”在“{field}”中重复出现。每人只列一次，并填写其总数量。",
        [field]);

    public static DomainError CannotHoldDuty(string field, string userId, Duty duty) => new(
        "MEMBER_CANNOT_TAKE_DUTY",
        duty == Duty.Annotation
            ? $"'{userId}' is not a member of this space with a role that may annotate. Add them as annotator (or admin, annotation admin) first."
            : $"'{userId}' is not a member of this space with the reviewer role. Add them as reviewer first.",
        duty == Duty.Annotation
            ? $"“{userId}”不是本空间中具备标注权限的成员。请先将其添加为标注作业员（或管理员、标注管理员）。"
            : $"“{userId}”不是本空间中的标注审核员。请先将其添加为标注审核员。",
        [field]);

    public static DomainError ReviewersWithoutReview() => new(
        "REVIEW_DISABLED",
        "Reviewers were given but review is off. Turn review on or remove the reviewers.",
        "已指定审核员但未开启审核。请开启审核或移除审核员。",
        ["reviewers"]);

    public static DomainError DatasetEmpty(Guid datasetId) => new(
        "DATASET_EMPTY",
        $"Dataset '{datasetId}' has no records to annotate. Choose a dataset with data.",
        $"数据集“{datasetId}”没有可标注的数据。请选择有数据的数据集。",
        ["datasetId"]);

    public static DomainError TooManyItems(int count, int max) => new(
        "TOO_MANY_ITEMS",
        $"The dataset has {count} records; a task takes at most {max}. Split the dataset first.",
        $"数据集共有 {count} 条数据，单个任务最多 {max} 条。请先拆分数据集。",
        ["datasetId"]);

    public static DomainError TaskCompleted(Guid taskId) => new(
        "TASK_COMPLETED",
        $"Annotation task '{taskId}' is completed and accepts no more changes.",
        $"标注任务“{taskId}”已完成，不再接受修改。");

    public static DomainError NotAllocatedToYou(Guid itemId, Duty duty) => new(
        "ITEM_NOT_ALLOCATED_TO_YOU",
        duty == Duty.Annotation
            ? $"Item '{itemId}' is not allocated to you for annotation (it may have been transferred). Fetch your next item."
            : $"Item '{itemId}' is not allocated to you for review (it may have been transferred). Fetch your next item to review.",
        duty == Duty.Annotation
            ? $"数据“{itemId}”未分配给您标注（可能已被移交）。请获取您的下一条数据。"
            : $"数据“{itemId}”未分配给您审核（可能已被移交）。请获取您的下一条待审核数据。",
        ["itemId"]);

    public static DomainError AlreadySubmitted(Guid itemId) => new(
        "ITEM_ALREADY_SUBMITTED",
        $"Item '{itemId}' was already submitted and is not waiting for rework. Fetch your next item.",
        $"数据“{itemId}”已提交且不在返工状态。请获取您的下一条数据。",
        ["itemId"]);

    public static DomainError NotAwaitingReview(Guid itemId) => new(
        "ITEM_NOT_AWAITING_REVIEW",
        $"Item '{itemId}' is not waiting for review. Fetch your next item to review.",
        $"数据“{itemId}”不在待审核状态。请获取下一条待审核数据。",
        ["itemId"]);

    public static DomainError NotFinished(Guid itemId) => new(
        "ITEM_NOT_FINISHED",
        $"Item '{itemId}' has not been submitted yet, so it cannot be sent back for rework.",
        $"数据“{itemId}”尚未提交，不能打回返工。",
        ["itemId"]);

    public static DomainError ReasonRequired() => new(
        "REASON_REQUIRED",
        "A rejection needs a reason that tells the annotator what to fix. Write one.",
        "驳回需要填写原因，告诉标注员需要修改什么。请填写原因。",
        ["reason"]);

    public static DomainError PartialAnnotationNotAllowed(Guid taskId) => new(
        "PARTIAL_ANNOTATION_NOT_ALLOWED",
        $"Task '{taskId}' requires full annotation, so pre-annotations cannot be accepted in bulk. Submit each item.",
        $"任务“{taskId}”要求全部标注，不能批量采用预标注。请逐条提交。");

    public static DomainError PartialReviewNotAllowed(Guid taskId) => new(
        "PARTIAL_REVIEW_NOT_ALLOWED",
        $"Task '{taskId}' requires full review, so the remaining items cannot be passed in bulk. Review each item.",
        $"任务“{taskId}”要求全部审核，不能一键通过剩余数据。请逐条审核。");

    public static DomainError ReviewNotEnabled(Guid taskId) => new(
        "REVIEW_DISABLED",
        $"Task '{taskId}' has no review.",
        $"任务“{taskId}”未开启审核。");

    public static DomainError TransferTooMany(int requested, int unfinished, string from) => new(
        "TRANSFER_TOO_MANY",
        $"{requested} items were requested but '{from}' has only {unfinished} unfinished items. Transfer at most {unfinished}.",
        $"请求移交 {requested} 条，但“{from}”只有 {unfinished} 条未完成数据。最多可移交 {unfinished} 条。",
        ["count"]);

    public static DomainError TransferToSelf() => new(
        "TRANSFER_TO_SELF",
        "Items cannot be transferred to the person who holds them. Choose another member.",
        "不能移交给当前持有人。请选择其他成员。",
        ["toUserId"]);

    public static DomainError TransferOthersWork(string from) => new(
        "FORBIDDEN",
        $"Only task managers may transfer the work of '{from}'. Transfer your own items, or ask a task manager.",
        $"只有任务管理者可以移交“{from}”的工作。请移交您自己的数据，或联系任务管理者。",
        ["fromUserId"]);

    public static DomainError TransferConflict(Guid itemId) => new(
        "TRANSFER_CONFLICT",
        $"Item '{itemId}' changed while the transfer was prepared (it was probably just submitted). Nothing was transferred. Try again.",
        $"准备移交时数据“{itemId}”发生了变化（可能刚被提交）。本次未移交任何数据，请重试。",
        ["count"]);

    public static DomainError NothingToAccept() => new(
        "NOTHING_TO_ACCEPT",
        "None of your unfinished items has a pre-annotation to accept. Annotate them, or wait for pre-annotation to finish.",
        "您未完成的数据中没有可采用的预标注。请手动标注，或等待预标注完成。");

    public static DomainError EndpointUrlInvalid() => new(
        "INVALID",
        "'url' must be an absolute http or https URL of an OpenAI-compatible chat completions endpoint.",
        "“url”必须是 OpenAI 兼容的 chat completions 接口的完整 http 或 https 地址。",
        ["url"]);
}
