using System.Text.Json;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using PanguGraph.GraphQL.Realtime;
using PanguGraph.Tests.Platform;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Importing;

[Collection(PlatformCollection.Name)]
public sealed class LiveProgressTests(PlatformHost platform)
{
    private const string ProgressSubscription = """
        subscription($id: ID!, $after: Long) { importTaskProgress(taskId: $id, afterVersion: $after) {
          eventType version sequence task { status objectsDone recordsImported bytesRead progress } } }
        """;

    [Fact]
    public async Task subscription_replays_then_completes()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("p/a.jsonl", Lines(40)));
        var taskId = await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "p/" });
        await platform.WaitForImportAsync(space.AdminKey, taskId);

        await using var client = await GraphQLWsClient.ConnectAsync(platform.Host, space.AdminKey);
        await client.SubscribeAsync("s1", ProgressSubscription, new { id = taskId });
        var updates = await client.CollectUntilCompleteAsync("s1", TimeSpan.FromSeconds(20));

        var types = updates.Select(u => Update(u).GetProperty("eventType").GetString()).ToList();
        types.First().ShouldBe("import_task_created");
        types.ShouldContain("import_started");
        types.Last().ShouldBe("import_succeeded");
        Update(updates.Last()).GetProperty("task").GetProperty("recordsImported").GetInt64().ShouldBe(40);
        var versions = updates.Select(u => Update(u).GetProperty("version").GetInt64()).ToList();
        versions.ShouldBe(Enumerable.Range(1, versions.Count).Select(v => (long)v).ToList(), "every event once, in order");

        // A client that reconnects with the last version it saw gets only what came after it.
        await client.SubscribeAsync("s2", ProgressSubscription, new { id = taskId, after = versions[^2] });
        var resumed = await client.CollectUntilCompleteAsync("s2", TimeSpan.FromSeconds(20));
        resumed.Count.ShouldBe(1);
        Update(resumed[0]).GetProperty("eventType").GetString().ShouldBe("import_succeeded");
    }

    [Fact]
    public async Task subscription_requires_membership()
    {
        var space = await platform.CreateSpaceAsync();
        var other = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("p/a.jsonl", Lines(1)));
        var taskId = await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "p/" });

        await using var client = await GraphQLWsClient.ConnectAsync(platform.Host, other.AdminKey);
        await client.SubscribeAsync("s1", ProgressSubscription, new { id = taskId });
        var message = await client.ReceiveAsync(TimeSpan.FromSeconds(10));

        message.ShouldNotBeNull();
        var type = message.Value.GetProperty("type").GetString();
        type.ShouldBeOneOf("error", "next");
        message.Value.ToString().ShouldContain("NOT_FOUND");
    }

    internal static string Lines(int count) => string.Concat(Enumerable.Range(0, count)
        .Select(i => JsonSerializer.Serialize(new { id = i, text = $"record {i} 文本" }) + "\n"));

    private static JsonElement Update(JsonElement payload) => payload.GetProperty("data").GetProperty("importTaskProgress");
}

/// <summary>
/// Two nodes: the client is connected to an API-only node, the job runs on a worker node, and the
/// progress reaches the client through Redis.
/// </summary>
[Collection(FanOutCollection.Name)]
public sealed class FanOutTests
{
    [Fact]
    public async Task progress_crosses_nodes_through_redis()
    {
        await using var worker = await PlatformHost.StartNodeAsync(workerEnabled: true, new Dictionary<string, string?>
        {
            ["Import:DelayPerRecord"] = "00:00:00.010",
        });
        await using var api = await PlatformHost.StartNodeAsync(workerEnabled: false);
        var apiPlatform = new NodeClient(api);

        var space = await apiPlatform.CreateSpaceAsync();
        var bucket = await apiPlatform.CreateBucketWithAsync(("f/a.jsonl", LiveProgressTests.Lines(150)));
        var hub = api.Services.GetRequiredService<StreamChangeHub>();
        var noticesBefore = hub.NoticesReceived;

        var taskId = await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "f/" });
        await using var client = await GraphQLWsClient.ConnectAsync(api, space.AdminKey);
        await client.SubscribeAsync("live", """
            subscription($id: ID!) { importTaskProgress(taskId: $id) { eventType version task { status recordsImported } } }
            """, new { id = taskId });
        var updates = await client.CollectUntilCompleteAsync("live", TimeSpan.FromSeconds(60));

        var types = updates.Select(u => u.GetProperty("data").GetProperty("importTaskProgress").GetProperty("eventType").GetString()).ToList();
        types.ShouldContain("import_progressed");
        types.Last().ShouldBe("import_succeeded");
        updates.Last().GetProperty("data").GetProperty("importTaskProgress").GetProperty("task").GetProperty("recordsImported").GetInt64().ShouldBe(150);
        (hub.NoticesReceived - noticesBefore).ShouldBeGreaterThan(0, "the API node must have been woken by Redis notices");

        var history = await PlatformHost.SendGraphQL(api, space.AdminKey, """
            query($id: ID!) { history(assetId: $id, first: 100) { edges { node { eventType payload } } } }
            """, new { id = taskId });
        var started = history.Data("history").GetProperty("edges").EnumerateArray()
            .Select(e => e.GetProperty("node"))
            .Single(n => n.GetProperty("eventType").GetString() == "import_started");
        started.GetProperty("payload").GetProperty("attempt").GetInt32().ShouldBe(1);
    }

    /// <summary>
    /// Platform helpers bound to one node instead of the shared fixture.
    /// </summary>
    private sealed class NodeClient(IAlbaHost host)
    {
        private readonly PlatformHost platform = PlatformHost.Wrap(host);

        public Task<TestSpace> CreateSpaceAsync() => platform.CreateSpaceAsync();

        public Task<string> CreateBucketWithAsync(params (string Key, string Content)[] objects) => platform.CreateBucketWithAsync(objects);
    }
}

[CollectionDefinition(Name)]
public sealed class FanOutCollection
{
    public const string Name = "fan-out";
}
