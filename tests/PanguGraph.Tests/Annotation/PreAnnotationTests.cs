using System.Text.Json;
using PanguGraph.Tests.Platform;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Annotation;

[Collection(PlatformCollection.Name)]
public sealed class PreAnnotationTests(PlatformHost platform)
{
    private const string ItemsQuery = """
        query($id: ID!) { annotationItems(taskId: $id) { edges { node { id index stage machineMade preAnnotation annotation origin preAnnotationError } } } }
        """;

    private static async Task<string> RegisterAsync(AnnotationScenario s, string url)
    {
        var response = await s.Send("admin", """
            mutation($input: RegisterModelEndpointInput!) { registerModelEndpoint(input: $input) { endpoint { id url } errors { code } } }
            """, new { input = new { spaceId = s.Space.Id, name = "fake", url, model = "fake-qa" } });
        return response.Data("registerModelEndpoint").GetProperty("endpoint").GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> WaitForPreAnnotationAsync(AnnotationScenario s, string taskId, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (true)
        {
            var items = (await s.Send("admin", ItemsQuery, new { id = taskId })).Data("annotationItems").GetProperty("edges")
                .EnumerateArray().Select(e => e.GetProperty("node")).ToList();
            var settled = items.Count(i => i.GetProperty("preAnnotation").ValueKind != JsonValueKind.Null || i.GetProperty("preAnnotationError").ValueKind != JsonValueKind.Null);
            if (settled >= expected)
            {
                return items;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"only {settled} of {expected} items were pre-annotated");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task partial_annotation_accepts_ai_proposals()
    {
        await using var model = new FakeChatModelServer();
        var s = await AnnotationScenario.StartAsync(platform, ("ann", "ANNOTATOR"));
        var endpointId = await RegisterAsync(s, model.Url);
        var datasetId = await s.ImportTextAsync([
            new { question = "光速是多少" }, new { question = "garbage please" }, new { question = "slow question" },
            new { question = "broken reply" }, new { question = "水的沸点" },
        ]);
        var taskId = await s.CreateTaskOkAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = "ai", kind = "TEXT_SINGLE_TURN_QA", annotationRequirement = "PARTIAL", modelEndpointId = endpointId,
            annotators = new[] { new { userId = s.User("ann"), count = 5 } },
        });

        var items = await WaitForPreAnnotationAsync(s, taskId, 5);
        items[0].GetProperty("machineMade").GetBoolean().ShouldBeTrue();
        items[0].GetProperty("preAnnotation").GetProperty("answer").GetString().ShouldBe("AI: 光速是多少");
        items[0].GetProperty("annotation").ValueKind.ShouldBe(JsonValueKind.Null);
        items[1].GetProperty("preAnnotationError").GetString()!.ShouldStartWith("MODEL_REPLY_INVALID");
        items[2].GetProperty("preAnnotationError").GetString()!.ShouldStartWith("MODEL_TIMEOUT");
        items[3].GetProperty("preAnnotationError").GetString()!.ShouldStartWith("MODEL_REPLY_INVALID");
        items.Skip(1).Take(3).ShouldAllBe(i => i.GetProperty("stage").GetString() == "UNANNOTATED");

        // The source dataset is untouched by proposals.
        var source = (await s.Send("admin", "query($id: ID!) { dataset(id: $id) { preview(limit: 1) } }", new { id = datasetId })).Data("dataset");
        source.GetProperty("preview")[0].TryGetProperty("answer", out _).ShouldBeFalse();

        // The annotator edits one proposal, then accepts the rest at once; failed items stay open.
        var edited = await s.SubmitAsync("ann", items[4].GetProperty("id").GetString()!, new { question = "水的沸点", answer = "100 摄氏度" });
        edited.GetProperty("item").GetProperty("origin").GetString().ShouldBe("MACHINE_EDITED");
        var accepted = await s.TaskMutationAsync("ann", "acceptPreAnnotations", "AnnotationTaskRefInput", new { taskId });
        AnnotationScenario.ErrorCode(accepted).ShouldBe("none");

        items = (await s.Send("admin", ItemsQuery, new { id = taskId })).Data("annotationItems").GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        items[0].GetProperty("origin").GetString().ShouldBe("MACHINE_ACCEPTED");
        items[0].GetProperty("machineMade").GetBoolean().ShouldBeFalse();
        items.Count(i => i.GetProperty("stage").GetString() == "UNANNOTATED").ShouldBe(3);

        for (var i = 1; i <= 3; i++)
        {
            await s.SubmitAsync("ann", items[i].GetProperty("id").GetString()!, new { question = $"q{i}", answer = "人工答案" });
        }

        var task = await s.WaitForTaskAsync(taskId, t => t.GetProperty("status").GetString() == "COMPLETED" && t.GetProperty("progress").GetProperty("completed").GetBoolean());
        task.GetProperty("progress").GetProperty("preAnnotated").GetInt32().ShouldBe(2);
        task.GetProperty("progress").GetProperty("preAnnotationFailures").GetInt32().ShouldBe(3);
        task.GetProperty("progress").GetProperty("acceptedPreAnnotations").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task image_caption_pre_annotation()
    {
        await using var model = new FakeChatModelServer();
        var s = await AnnotationScenario.StartAsync(platform, ("ann", "ANNOTATOR"));
        var endpointId = await RegisterAsync(s, model.Url);
        var datasetId = await s.ImportImagesAsync(2);
        var taskId = await s.CreateTaskOkAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = "captions", kind = "IMAGE_CAPTION", modelEndpointId = endpointId,
            annotators = new[] { new { userId = s.User("ann"), count = 2 } },
        });

        var items = await WaitForPreAnnotationAsync(s, taskId, 2);
        items.ShouldAllBe(i => i.GetProperty("preAnnotation").GetProperty("caption").GetString() == "a tiny picture");
        var full = await s.TaskMutationAsync("ann", "acceptPreAnnotations", "AnnotationTaskRefInput", new { taskId });
        AnnotationScenario.ErrorCode(full).ShouldBe("PARTIAL_ANNOTATION_NOT_ALLOWED");
        var submitted = await s.SubmitAsync("ann", items[0].GetProperty("id").GetString()!, new { caption = "a tiny picture" });
        submitted.GetProperty("item").GetProperty("origin").GetString().ShouldBe("MACHINE_ACCEPTED");
    }
}
