using System.Text;
using System.Text.Json;
using PanguGraph.Tests.Platform;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Annotation;

[Collection(PlatformCollection.Name)]
public sealed class AnnotationFlowTests(PlatformHost platform)
{
    private static IEnumerable<object> Questions(int count) =>
        Enumerable.Range(0, count).Select(i => new { question = $"问题 {i}：光速是多少？", answer = $"草稿答案 {i}" });

    private static object Qa(int i, string answer = "约每秒三十万公里") => new { question = $"问题 {i}：光速是多少？", answer };

    [Fact]
    public async Task text_cycle_reject_rework_approve()
    {
        var s = await AnnotationScenario.StartAsync(platform, ("ann1", "ANNOTATOR"), ("ann2", "ANNOTATOR"), ("rev", "REVIEWER"), ("audit", "AUDITOR"));
        var datasetId = await s.ImportTextAsync(Questions(4));
        var taskId = await s.CreateTaskOkAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = "qa review", kind = "TEXT_SINGLE_TURN_QA", reviewEnabled = true,
            annotators = new[] { new { userId = s.User("ann1"), count = 2 }, new { userId = s.User("ann2"), count = 2 } },
            reviewers = new[] { new { userId = s.User("rev"), count = 4 } },
        });

        foreach (var who in new[] { "ann1", "ann2" })
        {
            for (var n = 0; n < 2; n++)
            {
                var item = (await s.NextAsync(who, taskId))!.Value;
                item.GetProperty("annotator").GetString().ShouldBe(s.User(who));
                var result = await s.SubmitAsync(who, item.GetProperty("id").GetString()!, Qa(item.GetProperty("index").GetInt32()));
                AnnotationScenario.ErrorCode(result).ShouldBe("none", result.ToString());
                result.GetProperty("item").GetProperty("stage").GetString().ShouldBe("IN_REVIEW");
                result.GetProperty("item").GetProperty("origin").GetString().ShouldBe("HUMAN");
            }

            (await s.NextAsync(who, taskId)).ShouldBeNull();
        }

        // The reviewer rejects the first item and passes the rest.
        var first = (await s.NextAsync("rev", taskId, "REVIEW"))!.Value;
        var firstId = first.GetProperty("id").GetString()!;
        first.GetProperty("comparison").GetProperty("source").GetProperty("answer").GetString().ShouldBe("草稿答案 0");
        first.GetProperty("comparison").GetProperty("annotation").GetProperty("answer").GetString().ShouldBe("约每秒三十万公里");
        var rejected = await s.ReviewAsync("rev", firstId, false, "请给出精确数值");
        rejected.GetProperty("item").GetProperty("stage").GetString().ShouldBe("REWORK");
        rejected.GetProperty("item").GetProperty("reworkRounds").GetInt32().ShouldBe(1);
        for (var n = 0; n < 3; n++)
        {
            var item = (await s.NextAsync("rev", taskId, "REVIEW"))!.Value;
            item.GetProperty("id").GetString().ShouldNotBe(firstId);
            (await s.ReviewAsync("rev", item.GetProperty("id").GetString()!, true)).GetProperty("item").GetProperty("stage").GetString().ShouldBe("DONE");
        }

        // The annotator sees the reason, reworks, and the reviewer compares the two versions.
        var rework = (await s.NextAsync("ann1", taskId))!.Value;
        rework.GetProperty("id").GetString().ShouldBe(firstId);
        rework.GetProperty("stage").GetString().ShouldBe("REWORK");
        rework.GetProperty("lastRejectionReason").GetString().ShouldBe("请给出精确数值");
        await s.SubmitAsync("ann1", firstId, Qa(0, "299792458 米每秒"));
        var again = (await s.NextAsync("rev", taskId, "REVIEW"))!.Value;
        again.GetProperty("comparison").GetProperty("previousAnnotation").GetProperty("answer").GetString().ShouldBe("约每秒三十万公里");
        again.GetProperty("comparison").GetProperty("annotation").GetProperty("answer").GetString().ShouldBe("299792458 米每秒");
        await s.ReviewAsync("rev", firstId, true);

        var task = await s.WaitForTaskAsync(taskId, t => t.GetProperty("status").GetString() == "COMPLETED"
            && t.GetProperty("progress") is { ValueKind: JsonValueKind.Object } p && p.GetProperty("completed").GetBoolean());
        var progress = task.GetProperty("progress");
        progress.GetProperty("done").GetInt32().ShouldBe(4);
        progress.GetProperty("rejections").GetInt32().ShouldBe(1);
        progress.GetProperty("reviews").GetInt32().ShouldBe(5);
        progress.GetProperty("rejectionRate").GetDouble().ShouldBe(0.2, 0.0001);
        progress.GetProperty("reworkRounds").GetInt32().ShouldBe(1);
        var people = progress.GetProperty("people").EnumerateArray().ToDictionary(p => p.GetProperty("userId").GetString()!);
        people[s.User("ann1")].GetProperty("submits").GetInt32().ShouldBe(3);
        people[s.User("ann1")].GetProperty("reworks").GetInt32().ShouldBe(1);
        people[s.User("rev")].GetProperty("rejected").GetInt32().ShouldBe(1);

        // The annotated dataset has lineage and one JSONL line per item with annotator and reviewer.
        var outputId = task.GetProperty("outputDatasetId").GetString()!;
        var dataset = (await s.Send("admin", "query($id: ID!) { dataset(id: $id) { name format sourceDatasetId sourceTaskId statistics { recordCount } preview(limit: 10) } }", new { id = outputId })).Data("dataset");
        dataset.GetProperty("sourceDatasetId").GetString().ShouldBe(datasetId);
        dataset.GetProperty("sourceTaskId").GetString().ShouldBe(taskId);
        var source = (await s.Send("admin", "query($id: ID!) { dataset(id: $id) { sourceDatasetId sourceTaskId } }", new { id = datasetId })).Data("dataset");
        source.GetProperty("sourceDatasetId").ValueKind.ShouldBe(JsonValueKind.Null);
        source.GetProperty("sourceTaskId").ValueKind.ShouldBe(JsonValueKind.Null);
        dataset.GetProperty("statistics").GetProperty("recordCount").GetInt64().ShouldBe(4);
        var lines = dataset.GetProperty("preview").EnumerateArray().ToList();
        lines.Count.ShouldBe(4);
        lines[0].GetProperty("annotation").GetProperty("answer").GetString().ShouldBe("299792458 米每秒");
        lines[0].GetProperty("annotator").GetString().ShouldBe(s.User("ann1"));
        lines[0].GetProperty("reviewer").GetString().ShouldBe(s.User("rev"));
        lines[0].GetProperty("reworkRounds").GetInt32().ShouldBe(1);
        lines[3].GetProperty("annotator").GetString().ShouldBe(s.User("ann2"));

        // Completed tasks take no more work; history shows every step of the item.
        var late = await s.SubmitAsync("ann1", firstId, Qa(0));
        AnnotationScenario.ErrorCode(late).ShouldBe("TASK_COMPLETED");
        var history = await s.Send("audit", "query($id: ID!) { history(assetId: $id) { edges { node { eventType actor } } } }", new { id = firstId });
        history.Errors.ShouldBeEmpty(history.Raw);
        var events = history.Data("history").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("eventType").GetString()).ToList();
        events.ShouldBe(["annotation_item_queued", "annotation_item_annotated", "annotation_item_rejected", "annotation_item_annotated", "annotation_item_review_passed"]);
        var actors = history.Data("history").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("actor").GetString()).ToList();
        actors[2].ShouldBe(s.User("rev"));
    }

    [Fact]
    public async Task image_detection_cycle_completes()
    {
        var s = await AnnotationScenario.StartAsync(platform, ("ann", "ANNOTATOR"), ("rev", "REVIEWER"));
        var datasetId = await s.ImportImagesAsync(2);
        var taskId = await s.CreateTaskOkAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = "boxes", kind = "IMAGE_OBJECT_DETECTION", labels = new[] { "cat", "dog" }, reviewEnabled = true,
            annotators = new[] { new { userId = s.User("ann"), count = 2 } },
            reviewers = new[] { new { userId = s.User("rev"), count = 2 } },
        });

        var item = (await s.NextAsync("ann", taskId))!.Value;
        item.GetProperty("source").GetProperty("mediaType").GetString().ShouldBe("image/png");
        item.GetProperty("comparison").ValueKind.ShouldBe(JsonValueKind.Null);
        var wrongLabel = await s.SubmitAsync("ann", item.GetProperty("id").GetString()!, new { boxes = new[] { new { label = "bird", x = 0, y = 0, width = 1, height = 1 } } });
        AnnotationScenario.ErrorCode(wrongLabel).ShouldBe("ANNOTATION_SHAPE_INVALID");

        for (var n = 0; n < 2; n++)
        {
            var next = (await s.NextAsync("ann", taskId))!.Value;
            var result = await s.SubmitAsync("ann", next.GetProperty("id").GetString()!, new { boxes = new[] { new { label = "cat", x = 0.5, y = 0, width = 1, height = 1 } } });
            AnnotationScenario.ErrorCode(result).ShouldBe("none", result.ToString());
        }

        var review = (await s.NextAsync("rev", taskId, "REVIEW"))!.Value;
        await s.ReviewAsync("rev", review.GetProperty("id").GetString()!, false, "box too small");
        var rework = (await s.NextAsync("ann", taskId))!.Value;
        await s.SubmitAsync("ann", rework.GetProperty("id").GetString()!, new { boxes = new[] { new { label = "dog", x = 0, y = 0, width = 1, height = 1 } } });
        while (await s.NextAsync("rev", taskId, "REVIEW") is { } pending)
        {
            await s.ReviewAsync("rev", pending.GetProperty("id").GetString()!, true);
        }

        var task = await s.WaitForTaskAsync(taskId, t => t.GetProperty("status").GetString() == "COMPLETED");
        var preview = (await s.Send("admin", "query($id: ID!) { dataset(id: $id) { modality preview(limit: 5) } }", new { id = task.GetProperty("outputDatasetId").GetString() })).Data("dataset");
        preview.GetProperty("modality").GetString().ShouldBe("IMAGE");
        preview.GetProperty("preview")[0].GetProperty("annotation").GetProperty("boxes")[0].GetProperty("label").GetString().ShouldBe("dog");
        preview.GetProperty("preview")[0].GetProperty("source").GetProperty("key").GetString()!.ShouldEndWith(".png");
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("lead", true)]
    [InlineData("ann", false)]
    [InlineData("rev", false)]
    [InlineData("dev", false)]
    [InlineData("audit", false)]
    public async Task create_task_role_matrix(string who, bool allowed)
    {
        var s = await AnnotationScenario.StartAsync(platform, ("lead", "ANNOTATION_ADMIN"), ("ann", "ANNOTATOR"), ("rev", "REVIEWER"), ("dev", "DEVELOPER"), ("audit", "AUDITOR"));
        var datasetId = await s.ImportTextAsync(Questions(2));
        var response = await s.CreateTaskAsync(who, new
        {
            spaceId = s.Space.Id, datasetId, name = "matrix", kind = "TEXT_SINGLE_TURN_QA",
            annotators = new[] { new { userId = s.User("ann"), count = 2 } },
        });
        response.Errors.ShouldBeEmpty(response.Raw);
        AnnotationScenario.ErrorCode(response.Data("createAnnotationTask")).ShouldBe(allowed ? "none" : "FORBIDDEN");
    }

    [Fact]
    public async Task item_action_role_matrix()
    {
        var s = await AnnotationScenario.StartAsync(platform, ("lead", "ANNOTATION_ADMIN"), ("ann", "ANNOTATOR"), ("rev", "REVIEWER"), ("audit", "AUDITOR"), ("dev", "DEVELOPER"));
        var datasetId = await s.ImportTextAsync(Questions(6));
        var taskId = await s.CreateTaskOkAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = "roles", kind = "TEXT_SINGLE_TURN_QA", reviewEnabled = true,
            annotators = new[] { new { userId = s.User("ann"), count = 3 }, new { userId = s.User("lead"), count = 3 } },
            reviewers = new[] { new { userId = s.User("rev"), count = 6 } },
        });

        var annItem = (await s.NextAsync("ann", taskId))!.Value.GetProperty("id").GetString()!;
        foreach (var who in new[] { "rev", "audit", "dev" })
        {
            AnnotationScenario.ErrorCode(await s.SubmitAsync(who, annItem, Qa(0))).ShouldBe("FORBIDDEN", who);
        }

        // Admins and annotation admins annotate what is allocated to them.
        var leadItem = (await s.NextAsync("lead", taskId))!.Value.GetProperty("id").GetString()!;
        AnnotationScenario.ErrorCode(await s.SubmitAsync("lead", leadItem, Qa(3))).ShouldBe("none");
        AnnotationScenario.ErrorCode(await s.SubmitAsync("ann", annItem, Qa(0))).ShouldBe("none");

        foreach (var who in new[] { "admin", "lead", "ann", "audit" })
        {
            AnnotationScenario.ErrorCode(await s.ReviewAsync(who, annItem, true)).ShouldBe("FORBIDDEN", who);
        }

        AnnotationScenario.ErrorCode(await s.ReviewAsync("rev", annItem, false, " ")).ShouldBe("REASON_REQUIRED");

        var sendBack = """
            mutation($input: SendItemBackForReworkInput!) { sendItemBackForRework(input: $input) { item { stage } errors { code } } }
            """;
        foreach (var who in new[] { "ann", "rev", "audit" })
        {
            var denied = await s.Send(who, sendBack, new { input = new { itemId = annItem, reason = "redo" } });
            AnnotationScenario.ErrorCode(denied.Data("sendItemBackForRework")).ShouldBe("FORBIDDEN", who);
        }

        var sent = await s.Send("lead", sendBack, new { input = new { itemId = annItem, reason = "redo" } });
        sent.Data("sendItemBackForRework").GetProperty("item").GetProperty("stage").GetString().ShouldBe("REWORK");

        var register = """
            mutation($input: RegisterModelEndpointInput!) { registerModelEndpoint(input: $input) { endpoint { id } errors { code } } }
            """;
        foreach (var (who, expected) in new[] { ("admin", "none"), ("lead", "FORBIDDEN"), ("ann", "FORBIDDEN"), ("audit", "FORBIDDEN") })
        {
            var response = await s.Send(who, register, new { input = new { spaceId = s.Space.Id, name = "m", url = "http://127.0.0.1:9/v1/chat/completions", model = "m" } });
            AnnotationScenario.ErrorCode(response.Data("registerModelEndpoint")).ShouldBe(expected, who);
        }

        // The auditor reads everything.
        var read = await s.Send("audit", "query($id: ID!) { annotationItems(taskId: $id) { totalCount } }", new { id = taskId });
        read.Data("annotationItems").GetProperty("totalCount").GetInt32().ShouldBe(6);
    }

    [Fact]
    public async Task bad_submits_get_typed_errors()
    {
        var s = await AnnotationScenario.StartAsync(platform, ("ann1", "ANNOTATOR"), ("ann2", "ANNOTATOR"));
        var datasetId = await s.ImportTextAsync(Questions(2));
        var taskId = await s.CreateTaskOkAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = "errors", kind = "TEXT_SINGLE_TURN_QA",
            annotators = new[] { new { userId = s.User("ann1"), count = 1 }, new { userId = s.User("ann2"), count = 1 } },
        });
        var item = (await s.NextAsync("ann1", taskId))!.Value.GetProperty("id").GetString()!;

        var shape = await s.SubmitAsync("ann1", item, new { question = "q" }, language: "zh-CN");
        AnnotationScenario.ErrorCode(shape).ShouldBe("ANNOTATION_SHAPE_INVALID");
        shape.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain("格式");
        shape.GetProperty("errors")[0].GetProperty("field").EnumerateArray().Select(f => f.GetString()).ShouldBe(["annotation", "answer"]);
        AnnotationScenario.ErrorCode(await s.SubmitAsync("ann1", item, "not json")).ShouldBe("ANNOTATION_SHAPE_INVALID");
        AnnotationScenario.ErrorCode(await s.SubmitAsync("ann2", item, Qa(0))).ShouldBe("ITEM_NOT_ALLOCATED_TO_YOU");
        AnnotationScenario.ErrorCode(await s.SubmitAsync("ann1", item, Qa(0), expectedVersion: 7)).ShouldBe("CONCURRENCY_CONFLICT");
        AnnotationScenario.ErrorCode(await s.SubmitAsync("ann1", item, Qa(0))).ShouldBe("none");
        AnnotationScenario.ErrorCode(await s.SubmitAsync("ann1", item, Qa(0))).ShouldBe("ITEM_ALREADY_SUBMITTED");

        var mismatch = await s.CreateTaskAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = "bad", kind = "TEXT_SINGLE_TURN_QA",
            annotators = new[] { new { userId = s.User("ann1"), count = 5 } },
        });
        AnnotationScenario.ErrorCode(mismatch.Data("createAnnotationTask")).ShouldBe("ALLOCATION_MISMATCH");
        var wrongKind = await s.CreateTaskAsync("admin", new { spaceId = s.Space.Id, datasetId, name = "bad", kind = "IMAGE_CAPTION" });
        AnnotationScenario.ErrorCode(wrongKind.Data("createAnnotationTask")).ShouldBe("ITEM_KIND_MISMATCH");
    }

    [Fact]
    public async Task transfer_moves_unfinished_items_only()
    {
        var s = await AnnotationScenario.StartAsync(platform, ("ann1", "ANNOTATOR"), ("ann2", "ANNOTATOR"), ("rev", "REVIEWER"));
        var datasetId = await s.ImportTextAsync(Questions(4));
        var taskId = await s.CreateTaskOkAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = "transfer", kind = "TEXT_SINGLE_TURN_QA",
            annotators = new[] { new { userId = s.User("ann1"), count = 4 } },
        });
        var firstItem = (await s.NextAsync("ann1", taskId))!.Value.GetProperty("id").GetString()!;
        await s.SubmitAsync("ann1", firstItem, Qa(0));

        const string input = "TransferAnnotationItemsInput";
        AnnotationScenario.ErrorCode(await s.TaskMutationAsync("ann1", "transferAnnotationItems", input,
            new { taskId, duty = "ANNOTATION", toUserId = s.User("ann2"), count = 4 })).ShouldBe("TRANSFER_TOO_MANY");
        AnnotationScenario.ErrorCode(await s.TaskMutationAsync("ann1", "transferAnnotationItems", input,
            new { taskId, duty = "ANNOTATION", toUserId = "nobody-here", count = 1 })).ShouldBe("MEMBER_CANNOT_TAKE_DUTY");
        AnnotationScenario.ErrorCode(await s.TaskMutationAsync("ann1", "transferAnnotationItems", input,
            new { taskId, duty = "ANNOTATION", toUserId = s.User("rev"), count = 1 })).ShouldBe("MEMBER_CANNOT_TAKE_DUTY");
        AnnotationScenario.ErrorCode(await s.TaskMutationAsync("ann2", "transferAnnotationItems", input,
            new { taskId, duty = "ANNOTATION", fromUserId = s.User("ann1"), toUserId = s.User("ann2"), count = 1 })).ShouldBe("FORBIDDEN");

        AnnotationScenario.ErrorCode(await s.TaskMutationAsync("ann1", "transferAnnotationItems", input,
            new { taskId, duty = "ANNOTATION", toUserId = s.User("ann2"), count = 2 })).ShouldBe("none");
        AnnotationScenario.ErrorCode(await s.TaskMutationAsync("admin", "transferAnnotationItems", input,
            new { taskId, duty = "ANNOTATION", fromUserId = s.User("ann1"), toUserId = s.User("ann2"), count = 1 })).ShouldBe("none");

        var items = (await s.Send("admin", "query($id: ID!) { annotationItems(taskId: $id) { edges { node { id index annotator stage } } } }", new { id = taskId }))
            .Data("annotationItems").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        items[0].GetProperty("annotator").GetString().ShouldBe(s.User("ann1"));
        items[0].GetProperty("stage").GetString().ShouldBe("DONE");
        items.Skip(1).Select(i => i.GetProperty("annotator").GetString()).ShouldAllBe(a => a == s.User("ann2"));

        AnnotationScenario.ErrorCode(await s.SubmitAsync("ann1", items[1].GetProperty("id").GetString()!, Qa(1))).ShouldBe("ITEM_NOT_ALLOCATED_TO_YOU");
        AnnotationScenario.ErrorCode(await s.SubmitAsync("ann2", items[1].GetProperty("id").GetString()!, Qa(1))).ShouldBe("none");

        var task = await s.WaitForTaskAsync(taskId, t => t.GetProperty("progress").ValueKind == JsonValueKind.Object && t.GetProperty("progress").GetProperty("transfers").GetInt32() == 3);
        var people = task.GetProperty("progress").GetProperty("people").EnumerateArray().ToDictionary(p => p.GetProperty("userId").GetString()!);
        people[s.User("ann1")].GetProperty("annotationsHeld").GetInt32().ShouldBe(1);
        people[s.User("ann2")].GetProperty("annotationsHeld").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task partial_review_bulk_passes_the_rest()
    {
        var s = await AnnotationScenario.StartAsync(platform, ("ann", "ANNOTATOR"), ("rev1", "REVIEWER"), ("rev2", "REVIEWER"));
        var datasetId = await s.ImportTextAsync(Questions(5));
        var taskId = await s.CreateTaskOkAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = "partial review", kind = "TEXT_SINGLE_TURN_QA", reviewEnabled = true, reviewRequirement = "PARTIAL",
            annotators = new[] { new { userId = s.User("ann"), count = 5 } },
            reviewers = new[] { new { userId = s.User("rev1"), count = 5 } },
        });
        while (await s.NextAsync("ann", taskId) is { } item)
        {
            await s.SubmitAsync("ann", item.GetProperty("id").GetString()!, Qa(item.GetProperty("index").GetInt32()));
        }

        // Review work can be transferred too; the new reviewer bulk-passes what they received.
        AnnotationScenario.ErrorCode(await s.TaskMutationAsync("rev1", "transferAnnotationItems", "TransferAnnotationItemsInput",
            new { taskId, duty = "REVIEW", toUserId = s.User("rev2"), count = 1 })).ShouldBe("none");
        var one = (await s.NextAsync("rev1", taskId, "REVIEW"))!.Value;
        await s.ReviewAsync("rev1", one.GetProperty("id").GetString()!, true);
        AnnotationScenario.ErrorCode(await s.TaskMutationAsync("ann", "passRemainingReviews", "AnnotationTaskRefInput", new { taskId })).ShouldBe("FORBIDDEN");
        AnnotationScenario.ErrorCode(await s.TaskMutationAsync("rev1", "passRemainingReviews", "AnnotationTaskRefInput", new { taskId })).ShouldBe("none");
        (await s.NextAsync("rev1", taskId, "REVIEW")).ShouldBeNull();
        AnnotationScenario.ErrorCode(await s.TaskMutationAsync("rev2", "passRemainingReviews", "AnnotationTaskRefInput", new { taskId })).ShouldBe("none");

        var task = await s.WaitForTaskAsync(taskId, t => t.GetProperty("status").GetString() == "COMPLETED");
        task.GetProperty("itemCount").GetInt32().ShouldBe(5);
    }

    [Fact]
    public async Task full_review_refuses_bulk_pass()
    {
        var s = await AnnotationScenario.StartAsync(platform, ("ann", "ANNOTATOR"), ("rev", "REVIEWER"));
        var datasetId = await s.ImportTextAsync(Questions(1));
        var taskId = await s.CreateTaskOkAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = "full review", kind = "TEXT_SINGLE_TURN_QA", reviewEnabled = true,
            annotators = new[] { new { userId = s.User("ann"), count = 1 } },
            reviewers = new[] { new { userId = s.User("rev"), count = 1 } },
        });
        AnnotationScenario.ErrorCode(await s.TaskMutationAsync("rev", "passRemainingReviews", "AnnotationTaskRefInput", new { taskId })).ShouldBe("PARTIAL_REVIEW_NOT_ALLOWED");
    }
}
