using PanguGraph.Tests.Platform;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Annotation;

/// <summary>
/// An API-only node queues annotation jobs on PostgreSQL and leaves them to worker nodes.
/// </summary>
[Collection(AnnotationWorkerCollection.Name)]
public sealed class AnnotationWorkerTests
{
    [Fact]
    public async Task api_node_hands_completion_to_worker()
    {
        await using var api = await PlatformHost.StartNodeAsync(workerEnabled: false);
        var s = await AnnotationScenario.StartAsync(PlatformHost.Wrap(api), ("ann", "ANNOTATOR"));

        string datasetId;
        await using (await PlatformHost.StartNodeAsync(workerEnabled: true))
        {
            datasetId = await s.ImportTextAsync([new { question = "q0", answer = "a0" }, new { question = "q1", answer = "a1" }]);
        }

        var taskId = await s.CreateTaskOkAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = "api only", kind = "TEXT_SINGLE_TURN_QA",
            annotators = new[] { new { userId = s.User("ann"), count = 2 } },
        });
        while (await s.NextAsync("ann", taskId) is { } item)
        {
            var index = item.GetProperty("index").GetInt32();
            AnnotationScenario.ErrorCode(await s.SubmitAsync("ann", item.GetProperty("id").GetString()!, new { question = $"q{index}", answer = "done" })).ShouldBe("none");
        }

        // Every item is done, but no node listens to the annotation queue yet.
        await Task.Delay(TimeSpan.FromSeconds(3));
        (await s.TaskAsync("admin", taskId)).GetProperty("status").GetString().ShouldBe("IN_PROGRESS");

        await using var worker = await PlatformHost.StartNodeAsync(workerEnabled: true);
        var task = await s.WaitForTaskAsync(taskId, t => t.GetProperty("status").GetString() == "COMPLETED", TimeSpan.FromSeconds(60));
        task.GetProperty("outputDatasetId").GetString().ShouldNotBeNullOrEmpty();
    }
}

[CollectionDefinition(Name)]
public sealed class AnnotationWorkerCollection
{
    public const string Name = "annotation-worker";
}
