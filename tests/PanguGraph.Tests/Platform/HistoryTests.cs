using System.Globalization;
using System.Text.Json;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed class HistoryTests(PlatformHost platform)
{
    private const string HistoryQuery = """
        query($id: ID!) { history(assetId: $id, first: 100) { totalCount edges { node { assetId version sequence eventType timestamp actor payload } } } }
        """;

    private const string UpdateDataset = """
        mutation($input: UpdateDatasetInput!) { updateDataset(input: $input) { dataset { version } errors { code } } }
        """;

    [Fact]
    public async Task import_task_history_in_order()
    {
        var space = await platform.CreateSpaceAsync();
        var creator = (await platform.GraphQL(space.AdminKey, "query { me { userId } }")).Data("me").GetProperty("userId").GetString();
        var bucket = await platform.CreateBucketWithAsync(("h/a.jsonl", "{\"text\":\"hello\"}\n"));
        var taskId = await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "h/" }, name: "history");
        var task = await platform.WaitForImportAsync(space.AdminKey, taskId);

        var events = await HistoryAsync(space, taskId);

        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        events.Select(e => e.GetProperty("version").GetInt64()).ShouldBe(Enumerable.Range(1, events.Count).Select(v => (long)v));
        events.Select(e => e.GetProperty("sequence").GetInt64()).ShouldBeInOrder();
        events.Select(e => Timestamp(e)).ShouldBeInOrder();
        events.ShouldAllBe(e => e.GetProperty("assetId").GetString() == taskId);

        var kinds = events.Select(e => e.GetProperty("eventType").GetString()).Where(t => t != "import_progressed").ToList();
        kinds.ShouldBe(["import_task_created", "import_started", "import_succeeded"]);
        var created = events.Single(e => e.GetProperty("eventType").GetString() == "import_task_created");
        var started = events.Single(e => e.GetProperty("eventType").GetString() == "import_started");
        var succeeded = events.Single(e => e.GetProperty("eventType").GetString() == "import_succeeded");
        created.GetProperty("actor").GetString().ShouldBe(creator);
        started.GetProperty("actor").GetString().ShouldBe("system");
        succeeded.GetProperty("actor").GetString().ShouldBe("system");

        Property(created.GetProperty("payload"), "datasetName").GetString().ShouldBe("history");
        Property(created.GetProperty("payload"), "by").GetString().ShouldBe(creator);
        Property(started.GetProperty("payload"), "attempt").GetInt32().ShouldBe(1);
        Property(succeeded.GetProperty("payload"), "recordCount").GetInt64().ShouldBe(1);
        Property(succeeded.GetProperty("payload"), "datasetId").GetString().ShouldBe(task.GetProperty("datasetId").GetString());
    }

    [Fact]
    public async Task dataset_history_after_edits()
    {
        var space = await platform.CreateSpaceAsync();
        var datasetId = await ImportAsync(space, "first name");

        await Edit(space, datasetId, "second name", 1);
        await Task.Delay(50);
        await Edit(space, datasetId, "third name", 2);
        var events = await HistoryAsync(space, datasetId);

        events.Select(e => e.GetProperty("eventType").GetString()).ShouldBe(["dataset_imported", "dataset_details_edited", "dataset_details_edited"]);
        events.Select(e => e.GetProperty("version").GetInt64()).ShouldBe([1L, 2L, 3L]);
        events[0].GetProperty("actor").GetString().ShouldBe("system");
        events.Skip(1).Select(e => Property(e.GetProperty("payload"), "name").GetString()).ShouldBe(["second name", "third name"]);
        Timestamp(events[1]).ShouldBeLessThan(Timestamp(events[2]));
    }

    [Fact]
    public async Task dataset_as_of_version_and_instant()
    {
        var space = await platform.CreateSpaceAsync();
        var datasetId = await ImportAsync(space, "first name");
        await Edit(space, datasetId, "second name", 1);
        await Task.Delay(100);
        await Edit(space, datasetId, "third name", 2);
        var events = await HistoryAsync(space, datasetId);
        var secondAt = Timestamp(events[1]);
        var thirdAt = Timestamp(events[2]);
        var between = secondAt + (thirdAt - secondAt) / 2;
        const string asOf = "query($id: ID!, $version: Long, $at: Instant) { datasetAsOf(id: $id, version: $version, at: $at) { name version } }";

        var version1 = (await platform.GraphQL(space.AdminKey, asOf, new { id = datasetId, version = 1 })).Data("datasetAsOf");
        var atBetween = (await platform.GraphQL(space.AdminKey, asOf, new { id = datasetId, at = between.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture) })).Data("datasetAsOf");
        var current = (await platform.GraphQL(space.AdminKey, "query($id: ID!) { dataset(id: $id) { name } }", new { id = datasetId })).Data("dataset");

        version1.GetProperty("name").GetString().ShouldBe("first name");
        atBetween.GetProperty("name").GetString().ShouldBe("second name");
        current.GetProperty("name").GetString().ShouldBe("third name");
    }

    [Fact]
    public async Task as_of_needs_one_point()
    {
        var space = await platform.CreateSpaceAsync();
        var datasetId = await ImportAsync(space, "only");
        const string asOf = "query($id: ID!, $version: Long, $at: Instant) { datasetAsOf(id: $id, version: $version, at: $at) { name } }";
        var at = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var both = await platform.GraphQL(space.AdminKey, asOf, new { id = datasetId, version = 1, at });
        var bothZh = await platform.GraphQL(space.AdminKey, asOf, new { id = datasetId, version = 1, at }, ErrorChecks.Chinese);
        var neither = await platform.GraphQL(space.AdminKey, asOf, new { id = datasetId });
        var zero = await platform.GraphQL(space.AdminKey, asOf, new { id = datasetId, version = 0 });

        var message = both.ShouldFailWith("INVALID");
        message.ShouldBeEnglish();
        message.ShouldContain("version");
        message.ShouldContain("at");
        bothZh.ShouldFailWith("INVALID").ShouldBeChinese();
        neither.ShouldFailWith("INVALID").ShouldBeEnglish();
        zero.ShouldFailWith("INVALID").ShouldBeEnglish();
        both.Data("datasetAsOf").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private async Task<string> ImportAsync(TestSpace space, string name)
    {
        var bucket = await platform.CreateBucketWithAsync(("h/a.jsonl", "{\"text\":\"hello\"}\n"));
        var task = await platform.WaitForImportAsync(space.AdminKey, await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "h/" }, name: name));
        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        return task.GetProperty("datasetId").GetString()!;
    }

    private async Task Edit(TestSpace space, string datasetId, string name, long expectedVersion) =>
        (await platform.GraphQL(space.AdminKey, UpdateDataset, new { input = new { datasetId, name, visibility = "SPACE", expectedVersion } }))
        .ShouldAccept("updateDataset").GetProperty("dataset").GetProperty("version").GetInt64().ShouldBe(expectedVersion + 1);

    private async Task<List<JsonElement>> HistoryAsync(TestSpace space, string assetId)
    {
        var response = await platform.GraphQL(space.AdminKey, HistoryQuery, new { id = assetId });
        var history = response.Data("history");
        var events = history.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node")).ToList();
        history.GetProperty("totalCount").GetInt32().ShouldBe(events.Count, response.Raw);
        return events;
    }

    private static DateTimeOffset Timestamp(JsonElement historyEvent) =>
        DateTimeOffset.Parse(historyEvent.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a payload property whatever the serializer's casing of names.
    /// </summary>
    private static JsonElement Property(JsonElement payload, string name)
    {
        payload.ValueKind.ShouldBe(JsonValueKind.Object, payload.ToString());
        return payload.EnumerateObject().SingleOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
    }
}
