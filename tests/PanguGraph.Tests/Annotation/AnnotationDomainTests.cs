using NodaTime;
using PanguGraph.Domain.Annotation;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Spaces;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Annotation;

/// <summary>
/// Pure rules of annotation tasks and items: role matrix, allocation, review loop, transfers.
/// </summary>
public sealed class AnnotationDomainTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Guid SpaceId = Guid.NewGuid();

    private static readonly Space Space = new(SpaceId, "s", null, new Dictionary<string, Role>
    {
        ["admin"] = Role.Admin,
        ["lead"] = Role.AnnotationAdmin,
        ["ann1"] = Role.Annotator,
        ["ann2"] = Role.Annotator,
        ["rev1"] = Role.Reviewer,
        ["rev2"] = Role.Reviewer,
        ["dev"] = Role.Developer,
        ["audit"] = Role.Auditor,
    });

    private static readonly Dataset TextDataset = new(Guid.NewGuid(), SpaceId, "d", null, Visibility.Space, ExtendedInfo.Empty, "admin", false);

    private static Caller As(string user) => new(user, false);

    private static AnnotationTaskRequest Request(
        ItemKind kind = ItemKind.TextSingleTurnQa,
        bool review = true,
        ReviewRequirement reviewRequirement = ReviewRequirement.Full,
        AnnotationRequirement annotationRequirement = AnnotationRequirement.Full,
        IReadOnlyList<Assignment>? annotators = null,
        IReadOnlyList<Assignment>? reviewers = null,
        IReadOnlyList<string>? labels = null,
        Guid? endpoint = null) =>
        new("qa task", kind, labels ?? [], annotationRequirement, review, reviewRequirement,
            annotators ?? [new("ann1", 2), new("ann2", 2)],
            reviewers ?? (review ? [new("rev1", 4)] : []),
            endpoint);

    private static Decision Open(AnnotationTaskRequest request, string caller = "admin", int items = 4, Modality modality = Modality.Text, bool endpointExists = true) =>
        AnnotationTask.Open(Guid.NewGuid(), request, TextDataset, modality, items, endpointExists, Space, As(caller), Now);

    private static (AnnotationTask Task, IReadOnlyList<AnnotationItem> Items) NewTask(AnnotationTaskRequest? request = null)
    {
        var decision = Open(request ?? Request());
        decision.IsRejected.ShouldBeFalse(decision.Error?.MessageEn);
        var created = (AnnotationTaskCreated)decision.Events.Single();
        var task = AnnotationTask.Evolve(null, created)!;
        var items = AnnotationTask.QueueItems(created, Enumerable.Range(0, created.ItemCount).Select(i => $$"""{"q":"{{i}}"}""").ToList())
            .Select(q => AnnotationItem.Evolve(null, q)!)
            .ToList();
        return (task, items);
    }

    private static AnnotationItem Apply(AnnotationItem item, Decision decision)
    {
        decision.IsRejected.ShouldBeFalse(decision.Error?.MessageEn);
        return decision.Events.Aggregate(item, (state, e) => AnnotationItem.Evolve(state, e)!);
    }

    private const string Qa = """{"question":"什么是光？","answer":"电磁波"}""";

    [Theory]
    [InlineData("admin", true)]
    [InlineData("lead", true)]
    [InlineData("ann1", false)]
    [InlineData("rev1", false)]
    [InlineData("dev", false)]
    [InlineData("audit", false)]
    public void create_task_role_matrix(string user, bool allowed)
    {
        var decision = Open(Request(), user);
        decision.IsRejected.ShouldBe(!allowed);
        if (!allowed)
        {
            decision.Error!.Code.ShouldBe("FORBIDDEN");
        }
    }

    [Fact]
    public void super_admin_creates_and_annotates_but_never_reviews()
    {
        var superAdmin = new Caller("root", true);
        AnnotationAccess.Authorize(Space, superAdmin, Permission.CreateAnnotationTasks).ShouldBeNull();
        AnnotationAccess.Authorize(Space, superAdmin, Permission.Annotate).ShouldBeNull();
        AnnotationAccess.Authorize(Space, superAdmin, Permission.ManageAnnotationTasks).ShouldBeNull();
        AnnotationAccess.Authorize(Space, superAdmin, Permission.ReviewAnnotations)!.Code.ShouldBe("FORBIDDEN");
    }

    [Theory]
    [InlineData(Role.Admin, true, false, true)]
    [InlineData(Role.AnnotationAdmin, true, false, true)]
    [InlineData(Role.Annotator, true, false, false)]
    [InlineData(Role.Reviewer, false, true, false)]
    [InlineData(Role.Auditor, false, false, false)]
    [InlineData(Role.Developer, false, false, false)]
    public void role_permissions_follow_the_annotation_table(Role role, bool annotate, bool review, bool manage)
    {
        role.Allows(Permission.Annotate).ShouldBe(annotate);
        role.Allows(Permission.ReviewAnnotations).ShouldBe(review);
        role.Allows(Permission.ManageAnnotationTasks).ShouldBe(manage);
        role.Allows(Permission.CreateAnnotationTasks).ShouldBe(manage);
    }

    [Fact]
    public void allocation_must_cover_every_item()
    {
        var decision = Open(Request(annotators: [new("ann1", 1), new("ann2", 2)]));
        decision.Error!.Code.ShouldBe("ALLOCATION_MISMATCH");
        decision.Error.Field.ShouldBe(["annotators"]);
    }

    [Fact]
    public void allocation_rejects_reviewer_as_annotator()
    {
        var decision = Open(Request(annotators: [new("rev1", 4)]));
        decision.Error!.Code.ShouldBe("MEMBER_CANNOT_TAKE_DUTY");
    }

    [Fact]
    public void allocation_rejects_annotator_as_reviewer()
    {
        var decision = Open(Request(reviewers: [new("ann1", 4)]));
        decision.Error!.Code.ShouldBe("MEMBER_CANNOT_TAKE_DUTY");
        decision.Error.Field.ShouldBe(["reviewers"]);
    }

    [Fact]
    public void allocation_rejects_non_member()
    {
        Open(Request(annotators: [new("stranger", 4)])).Error!.Code.ShouldBe("MEMBER_CANNOT_TAKE_DUTY");
    }

    [Fact]
    public void kind_must_fit_dataset_modality()
    {
        Open(Request(kind: ItemKind.ImageCaption)).Error!.Code.ShouldBe("ITEM_KIND_MISMATCH");
        Open(Request(kind: ItemKind.ImageCaption), modality: Modality.Image).IsRejected.ShouldBeFalse();
    }

    [Fact]
    public void classification_needs_labels()
    {
        Open(Request(kind: ItemKind.TextClassification)).Error!.Code.ShouldBe("LABELS_REQUIRED");
    }

    [Fact]
    public void partial_annotation_needs_model_endpoint()
    {
        Open(Request(annotationRequirement: AnnotationRequirement.Partial)).Error!.Code.ShouldBe("PARTIAL_NEEDS_PRE_ANNOTATION");
        Open(Request(annotationRequirement: AnnotationRequirement.Partial, endpoint: Guid.NewGuid())).IsRejected.ShouldBeFalse();
        Open(Request(kind: ItemKind.TextPreferencePair, endpoint: Guid.NewGuid())).Error!.Code.ShouldBe("PRE_ANNOTATION_NOT_SUPPORTED");
    }

    [Fact]
    public void items_are_allocated_in_order_by_counts()
    {
        var (_, items) = NewTask(Request(reviewers: [new("rev1", 3), new("rev2", 1)]));
        items.Select(i => i.Annotator).ShouldBe(["ann1", "ann1", "ann2", "ann2"]);
        items.Select(i => i.Reviewer).ShouldBe(["rev1", "rev1", "rev1", "rev2"]);
        items.Select(i => i.Id).Distinct().Count().ShouldBe(4);
    }

    [Fact]
    public void submit_goes_to_review_then_pass_finishes()
    {
        var (task, items) = NewTask();
        var item = Apply(items[0], items[0].Submit(task, Qa, Space, As("ann1"), Now));
        item.Stage.ShouldBe(ItemStage.InReview);
        item = Apply(item, item.Review(task, true, null, Space, As("rev1"), Now));
        item.Stage.ShouldBe(ItemStage.Done);
    }

    [Fact]
    public void submit_without_review_finishes_at_once()
    {
        var (task, items) = NewTask(Request(review: false));
        var item = Apply(items[0], items[0].Submit(task, Qa, Space, As("ann1"), Now));
        item.Stage.ShouldBe(ItemStage.Done);
        item.Reviewer.ShouldBeNull();
    }

    [Fact]
    public void reject_needs_reason_and_starts_rework_round()
    {
        var (task, items) = NewTask();
        var item = Apply(items[0], items[0].Submit(task, Qa, Space, As("ann1"), Now));
        item.Review(task, false, "  ", Space, As("rev1"), Now).Error!.Code.ShouldBe("REASON_REQUIRED");

        item = Apply(item, item.Review(task, false, "answer is wrong", Space, As("rev1"), Now));
        item.Stage.ShouldBe(ItemStage.Rework);
        item.Round.ShouldBe(1);

        item = Apply(item, item.Submit(task, """{"question":"什么是光？","answer":"光是电磁辐射"}""", Space, As("ann1"), Now));
        item.Stage.ShouldBe(ItemStage.InReview);
        item = Apply(item, item.Review(task, true, null, Space, As("rev1"), Now));
        item.Stage.ShouldBe(ItemStage.Done);
    }

    [Fact]
    public void bad_submits_are_rejected_with_codes()
    {
        var (task, items) = NewTask();
        items[0].Submit(task, Qa, Space, As("ann2"), Now).Error!.Code.ShouldBe("ITEM_NOT_ALLOCATED_TO_YOU");
        items[0].Submit(task, Qa, Space, As("rev1"), Now).Error!.Code.ShouldBe("FORBIDDEN");
        items[0].Submit(task, Qa, Space, As("audit"), Now).Error!.Code.ShouldBe("FORBIDDEN");
        items[0].Submit(task, """{"question":"x"}""", Space, As("ann1"), Now).Error!.Code.ShouldBe("ANNOTATION_SHAPE_INVALID");

        var submitted = Apply(items[0], items[0].Submit(task, Qa, Space, As("ann1"), Now));
        submitted.Submit(task, Qa, Space, As("ann1"), Now).Error!.Code.ShouldBe("ITEM_ALREADY_SUBMITTED");
        submitted.Review(task, true, null, Space, As("ann1"), Now).Error!.Code.ShouldBe("FORBIDDEN");
        submitted.Review(task, true, null, Space, As("admin"), Now).Error!.Code.ShouldBe("FORBIDDEN");
        submitted.Review(task, true, null, Space, As("rev2"), Now).Error!.Code.ShouldBe("ITEM_NOT_ALLOCATED_TO_YOU");

        var completed = AnnotationTask.Evolve(task, new AnnotationTaskCompleted(task.Id, SpaceId, Guid.NewGuid(), 4, "system", Now))!;
        items[1].Submit(completed, Qa, Space, As("ann1"), Now).Error!.Code.ShouldBe("TASK_COMPLETED");
    }

    [Fact]
    public void submit_records_origin_against_pre_annotation()
    {
        var (task, items) = NewTask(Request(annotationRequirement: AnnotationRequirement.Partial, endpoint: Guid.NewGuid()));
        var canonical = AnnotationShapes.Validate(ItemKind.TextSingleTurnQa, Qa, []).Canonical!;
        var item = Apply(items[0], items[0].PreAnnotate(canonical, "m", Now));

        var accepted = (ItemAnnotated)item.Submit(task, Qa, Space, As("ann1"), Now).Events.Single();
        accepted.Origin.ShouldBe(AnnotationOrigin.MachineAccepted);
        var edited = (ItemAnnotated)item.Submit(task, """{"question":"什么是光？","answer":"波"}""", Space, As("ann1"), Now).Events.Single();
        edited.Origin.ShouldBe(AnnotationOrigin.MachineEdited);
        var human = (ItemAnnotated)items[1].Submit(task, Qa, Space, As("ann1"), Now).Events.Single();
        human.Origin.ShouldBe(AnnotationOrigin.Human);
    }

    [Fact]
    public void late_pre_annotation_never_overwrites_a_submit()
    {
        var (task, items) = NewTask();
        var item = Apply(items[0], items[0].Submit(task, Qa, Space, As("ann1"), Now));
        item.PreAnnotate(Qa, "m", Now).Events.ShouldBeEmpty();
        item.FailPreAnnotation("TIMEOUT", "x", Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void accept_pre_annotation_needs_partial_requirement()
    {
        var (task, items) = NewTask();
        items[0].AcceptPreAnnotation(task, Space, As("ann1"), Now).Error!.Code.ShouldBe("PARTIAL_ANNOTATION_NOT_ALLOWED");
    }

    [Fact]
    public void bulk_pass_marks_review_as_bulk()
    {
        var (task, items) = NewTask(Request(reviewRequirement: ReviewRequirement.Partial));
        var item = Apply(items[0], items[0].Submit(task, Qa, Space, As("ann1"), Now));
        var passed = (ItemReviewPassed)item.Review(task, true, null, Space, As("rev1"), Now, bulk: true).Events.Single();
        passed.Bulk.ShouldBeTrue();
    }

    [Fact]
    public void send_back_needs_finished_item_and_manager()
    {
        var (task, items) = NewTask();
        items[0].SendBackForRework(task, "redo", Space, As("admin"), Now).Error!.Code.ShouldBe("ITEM_NOT_FINISHED");
        var item = Apply(items[0], items[0].Submit(task, Qa, Space, As("ann1"), Now));
        item.SendBackForRework(task, "redo", Space, As("ann1"), Now).Error!.Code.ShouldBe("FORBIDDEN");
        item.SendBackForRework(task, "", Space, As("admin"), Now).Error!.Code.ShouldBe("REASON_REQUIRED");
        item = Apply(item, item.SendBackForRework(task, "redo", Space, As("lead"), Now));
        item.Stage.ShouldBe(ItemStage.Rework);
        item.Round.ShouldBe(1);
    }

    [Fact]
    public void transfer_checks_people_and_counts()
    {
        var (task, _) = NewTask();
        task.CheckTransfer(Duty.Annotation, "ann1", "ann2", 1, 2, Space, As("ann1")).ShouldBeNull();
        task.CheckTransfer(Duty.Annotation, "ann1", "ann2", 3, 2, Space, As("ann1"))!.Code.ShouldBe("TRANSFER_TOO_MANY");
        task.CheckTransfer(Duty.Annotation, "ann1", "stranger", 1, 2, Space, As("ann1"))!.Code.ShouldBe("MEMBER_CANNOT_TAKE_DUTY");
        task.CheckTransfer(Duty.Annotation, "ann1", "rev1", 1, 2, Space, As("ann1"))!.Code.ShouldBe("MEMBER_CANNOT_TAKE_DUTY");
        task.CheckTransfer(Duty.Annotation, "ann1", "ann1", 1, 2, Space, As("ann1"))!.Code.ShouldBe("TRANSFER_TO_SELF");
        task.CheckTransfer(Duty.Annotation, "ann2", "ann1", 1, 2, Space, As("ann1"))!.Code.ShouldBe("FORBIDDEN");
        task.CheckTransfer(Duty.Annotation, "ann2", "ann1", 1, 2, Space, As("admin")).ShouldBeNull();
        task.CheckTransfer(Duty.Review, "rev1", "rev2", 1, 1, Space, As("rev1")).ShouldBeNull();
        task.CheckTransfer(Duty.Review, "rev1", "rev2", 1, 1, Space, As("audit"))!.Code.ShouldBe("FORBIDDEN");
    }

    [Fact]
    public void transfer_of_submitted_item_conflicts()
    {
        var (task, items) = NewTask();
        var item = Apply(items[0], items[0].Submit(task, Qa, Space, As("ann1"), Now));
        item.TransferTo(Duty.Annotation, "ann1", "ann2", As("ann1"), Now).Error!.Code.ShouldBe("TRANSFER_CONFLICT");

        var moved = Apply(items[1], items[1].TransferTo(Duty.Annotation, "ann1", "ann2", As("ann1"), Now));
        moved.Annotator.ShouldBe("ann2");
        moved.Submit(task, Qa, Space, As("ann1"), Now).Error!.Code.ShouldBe("ITEM_NOT_ALLOCATED_TO_YOU");
        moved.Submit(task, Qa, Space, As("ann2"), Now).IsRejected.ShouldBeFalse();
    }

    [Fact]
    public void completion_waits_for_every_item()
    {
        var (task, _) = NewTask();
        task.Complete(3, Guid.NewGuid(), "system", Now).Events.ShouldBeEmpty();
        var done = task.Complete(4, Guid.NewGuid(), "system", Now);
        done.Events.Single().ShouldBeOfType<AnnotationTaskCompleted>();
        AnnotationTask.Evolve(task, done.Events[0])!.Complete(4, Guid.NewGuid(), "system", Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void endpoint_registration_needs_admin_and_http_url()
    {
        ModelEndpoint.Register(Guid.NewGuid(), "m", "http://127.0.0.1:1/v1/chat/completions", "qwen", Space, As("admin"), Now).IsRejected.ShouldBeFalse();
        ModelEndpoint.Register(Guid.NewGuid(), "m", "ftp://x/y", "qwen", Space, As("admin"), Now).Error!.Code.ShouldBe("INVALID");
        ModelEndpoint.Register(Guid.NewGuid(), "m", "http://x/y", "qwen", Space, As("lead"), Now).Error!.Code.ShouldBe("FORBIDDEN");
    }
}
