using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PanguGraph.Projections.Annotation;
using PanguGraph.Tests.Platform;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Annotation;

[Collection(PlatformCollection.Name)]
public sealed class ConcurrentAnnotatorsTests(PlatformHost platform)
{
    private const int Annotators = 50;
    private const int ItemsEach = 3;

    [Fact]
    public async Task fifty_annotators_replay_counts_each_item_once()
    {
        var members = Enumerable.Range(0, Annotators).Select(i => ($"a{i}", "ANNOTATOR")).ToArray();
        var s = await AnnotationScenario.StartAsync(platform, members);
        var datasetId = await s.ImportTextAsync(Enumerable.Range(0, Annotators * ItemsEach).Select(i => new { question = $"q{i}", answer = "" }));
        var taskId = await s.CreateTaskOkAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = "crowd", kind = "TEXT_SINGLE_TURN_QA",
            annotators = Enumerable.Range(0, Annotators).Select(i => new { userId = s.User($"a{i}"), count = ItemsEach }).ToArray(),
        });

        // Every annotator submits their items while a0 and a1 each try to transfer work away at the same time.
        var submitters = Enumerable.Range(0, Annotators).Select(async i =>
        {
            var who = $"a{i}";
            var done = 0;
            while (await s.NextAsync(who, taskId) is { } item)
            {
                var result = await s.SubmitAsync(who, item.GetProperty("id").GetString()!, new { question = $"q{item.GetProperty("index").GetInt32()}", answer = who },
                    expectedVersion: item.GetProperty("version").GetInt64());
                var code = AnnotationScenario.ErrorCode(result);
                code.ShouldBeOneOf("none", "CONCURRENCY_CONFLICT", "ITEM_NOT_ALLOCATED_TO_YOU");
                done += code == "none" ? 1 : 0;
            }

            return done;
        }).ToList();
        var transfer = s.TaskMutationAsync("a0", "transferAnnotationItems", "TransferAnnotationItemsInput",
            new { taskId, duty = "ANNOTATION", toUserId = s.User("a1"), count = 1 });
        var submits = (await Task.WhenAll(submitters)).Sum();
        var transferCode = AnnotationScenario.ErrorCode(await transfer);
        transferCode.ShouldBeOneOf("none", "CONCURRENCY_CONFLICT", "TRANSFER_TOO_MANY", "TRANSFER_CONFLICT");
        submits.ShouldBe(Annotators * ItemsEach);

        var task = await s.WaitForTaskAsync(taskId, t => t.GetProperty("status").GetString() == "COMPLETED"
                                                            && t.GetProperty("progress").GetProperty("completed").GetBoolean(), TimeSpan.FromSeconds(60));
        var progress = task.GetProperty("progress");
        progress.GetProperty("total").GetInt32().ShouldBe(Annotators * ItemsEach);
        progress.GetProperty("done").GetInt32().ShouldBe(Annotators * ItemsEach);
        progress.GetProperty("submits").GetInt32().ShouldBe(Annotators * ItemsEach);
        progress.GetProperty("unannotated").GetInt32().ShouldBe(0);

        // Replay: rebuild every item view and the progress document from the stored events and compare.
        var store = platform.Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        var views = await session.Query<AnnotationItemView>().Where(i => i.TaskId == Guid.Parse(taskId)).ToListAsync();
        views.Count.ShouldBe(Annotators * ItemsEach);
        views.Select(v => v.Index).Distinct().Count().ShouldBe(Annotators * ItemsEach);

        var itemProjection = new AnnotationItemViewProjection();
        var progressProjection = new AnnotationProgressProjection();
        var allEvents = new List<IEvent>();
        foreach (var view in views)
        {
            var events = await session.Events.FetchStreamAsync(view.Id);
            allEvents.AddRange(events);
            AnnotationItemView? rebuilt = null;
            foreach (var e in events)
            {
                rebuilt = itemProjection.Evolve(rebuilt, view.Id, e);
            }

            JsonSerializer.Serialize(rebuilt).ShouldBe(JsonSerializer.Serialize(view));
            events.Count(e => e.Data is Domain.Annotation.ItemAnnotated).ShouldBe(1, $"item {view.Index} was submitted more than once");
        }

        allEvents.AddRange((await session.Events.FetchStreamAsync(Guid.Parse(taskId))).Where(e => e.Data is Domain.Annotation.AnnotationTaskCompleted));
        AnnotationProgressView? replayed = null;
        foreach (var e in allEvents.OrderBy(e => e.Sequence))
        {
            replayed = progressProjection.Evolve(replayed, Guid.Parse(taskId), e);
        }

        var stored = await session.LoadAsync<AnnotationProgressView>(Guid.Parse(taskId));
        JsonSerializer.Serialize(replayed).ShouldBe(JsonSerializer.Serialize(stored));
        replayed!.People.Values.Sum(p => p.Submits).ShouldBe(Annotators * ItemsEach);
        replayed.People.Values.Sum(p => p.AnnotationsHeld).ShouldBe(Annotators * ItemsEach);
    }

    [Fact]
    public async Task progress_subscription_follows_to_completion()
    {
        var s = await AnnotationScenario.StartAsync(platform, ("ann", "ANNOTATOR"));
        var datasetId = await s.ImportTextAsync(Enumerable.Range(0, 3).Select(i => new { question = $"q{i}" }));
        var taskId = await s.CreateTaskOkAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = "live", kind = "TEXT_SINGLE_TURN_QA",
            annotators = new[] { new { userId = s.User("ann"), count = 3 } },
        });

        // NOTE: not disposed, because closing a TestServer socket after the server completed the
        // subscription throws from GraphQLWsClient.DisposeAsync; the host closes it at shutdown.
        var ws = await GraphQLWsClient.ConnectAsync(platform.Host, s.Keys["admin"]);
        await ws.SubscribeAsync("p", """
            subscription($id: ID!) { annotationTaskProgress(taskId: $id) { total done submits completed people { userId submits } } }
            """, new { id = taskId });
        await ws.BarrierAsync();
        while (await s.NextAsync("ann", taskId) is { } item)
        {
            await s.SubmitAsync("ann", item.GetProperty("id").GetString()!, new { question = "q", answer = "a" });
        }

        var updates = await ws.CollectUntilCompleteAsync("p", TimeSpan.FromSeconds(30));
        var last = updates.Last().GetProperty("data").GetProperty("annotationTaskProgress");
        last.GetProperty("completed").GetBoolean().ShouldBeTrue();
        last.GetProperty("done").GetInt32().ShouldBe(3);
        last.GetProperty("people")[0].GetProperty("submits").GetInt32().ShouldBe(3);
        updates.Select(u => u.GetProperty("data").GetProperty("annotationTaskProgress").GetProperty("done").GetInt32()).ShouldBeInOrder();
    }
}
