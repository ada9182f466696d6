using System.Text.Json;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed class ResourceAccessTests(PlatformHost platform)
{
    private const string DatasetQuery = "query($id: ID!) { dataset(id: $id) { id name } }";
    private const string ImportTaskQuery = "query($id: ID!) { importTask(id: $id) { id status } }";
    private const string SpaceQuery = "query($id: ID!) { space(id: $id) { id name } }";
    private const string HistoryQuery = "query($id: ID!) { history(assetId: $id) { totalCount edges { node { eventType } } } }";

    [Theory]
    [InlineData(DatasetQuery, "dataset")]
    [InlineData(ImportTaskQuery, "importTask")]
    [InlineData(SpaceQuery, "space")]
    [InlineData(HistoryQuery, "history")]
    public async Task unknown_id_is_not_found(string query, string field)
    {
        var space = await platform.CreateSpaceAsync();
        var id = Guid.NewGuid();

        var english = await platform.GraphQL(space.AdminKey, query, new { id });
        var chinese = await platform.GraphQL(space.AdminKey, query, new { id }, ErrorChecks.Chinese);

        var message = english.ShouldFailWith("NOT_FOUND");
        message.ShouldBeEnglish();
        message.ShouldContain(id.ToString());
        chinese.ShouldFailWith("NOT_FOUND").ShouldBeChinese();
        NullOrMissing(english, field).ShouldBeTrue(english.Raw);
    }

    [Fact]
    public async Task other_space_is_hidden()
    {
        var (owner, taskId, datasetId) = await ImportedSpaceAsync();
        var stranger = await platform.CreateSpaceAsync();

        var space = await platform.GraphQL(stranger.AdminKey, SpaceQuery, new { id = owner.Id });
        var spaceZh = await platform.GraphQL(stranger.AdminKey, SpaceQuery, new { id = owner.Id }, ErrorChecks.Chinese);
        var dataset = await platform.GraphQL(stranger.AdminKey, DatasetQuery, new { id = datasetId });
        var task = await platform.GraphQL(stranger.AdminKey, ImportTaskQuery, new { id = taskId });
        var datasetHistory = await platform.GraphQL(stranger.AdminKey, HistoryQuery, new { id = datasetId });
        var taskHistory = await platform.GraphQL(stranger.AdminKey, HistoryQuery, new { id = taskId }, ErrorChecks.Chinese);
        var spaceHistory = await platform.GraphQL(stranger.AdminKey, HistoryQuery, new { id = owner.Id });
        var datasets = await platform.GraphQL(stranger.AdminKey, "query($s: ID!) { datasets(spaceId: $s) { totalCount } }", new { s = owner.Id });

        space.ShouldFailWith("FORBIDDEN").ShouldBeEnglish();
        spaceZh.ShouldFailWith("FORBIDDEN").ShouldBeChinese();
        dataset.ShouldFailWith("NOT_FOUND").ShouldBeEnglish();
        task.ShouldFailWith("NOT_FOUND").ShouldBeEnglish();
        datasetHistory.ShouldFailWith("NOT_FOUND").ShouldBeEnglish();
        taskHistory.ShouldFailWith("NOT_FOUND").ShouldBeChinese();
        spaceHistory.ShouldFailWith("NOT_FOUND").ShouldBeEnglish();
        datasets.ShouldFailWith("FORBIDDEN").ShouldBeEnglish();

        // The owner still sees everything, so the failures above are about the caller, not the ids.
        (await platform.GraphQL(owner.AdminKey, DatasetQuery, new { id = datasetId })).Data("dataset").GetProperty("id").GetString().ShouldBe(datasetId);
        (await platform.GraphQL(owner.AdminKey, ImportTaskQuery, new { id = taskId })).Data("importTask").GetProperty("status").GetString().ShouldBe("SUCCEEDED");
    }

    [Fact]
    public async Task other_space_cannot_be_changed()
    {
        var (owner, _, datasetId) = await ImportedSpaceAsync();
        var stranger = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("x/a.jsonl", "{\"a\":1}\n"));

        var edited = await platform.GraphQL(stranger.AdminKey, """
            mutation($input: UpdateDatasetInput!) { updateDataset(input: $input) { dataset { name } errors { code message field } } }
            """, new { input = new { datasetId, name = "taken over", visibility = "SPACE" } });
        var deleted = await platform.GraphQL(stranger.AdminKey, """
            mutation($input: DeleteDatasetInput!) { deleteDataset(input: $input) { dataset { status } errors { code message field } } }
            """, new { input = new { datasetId } }, ErrorChecks.Chinese);
        var imported = await platform.GraphQL(stranger.AdminKey, """
            mutation($input: CreateImportTaskInput!) { createImportTask(input: $input) { importTask { id } errors { code message field } } }
            """, new { input = new { spaceId = owner.Id, datasetName = "intruder", modality = "TEXT", format = "JSONL", source = new { bucket, prefix = "x/" } } });
        var renamed = await platform.GraphQL(stranger.AdminKey, """
            mutation($input: RenameSpaceInput!) { renameSpace(input: $input) { space { name } errors { code message field } } }
            """, new { input = new { spaceId = owner.Id, name = "taken over" } });

        edited.ShouldRejectWith("updateDataset", "dataset", "NOT_FOUND").MessageOf().ShouldBeEnglish();
        deleted.ShouldRejectWith("deleteDataset", "dataset", "NOT_FOUND").MessageOf().ShouldBeChinese();
        imported.ShouldRejectWith("createImportTask", "importTask", "FORBIDDEN").MessageOf().ShouldBeEnglish();
        renamed.ShouldRejectWith("renameSpace", "space", "FORBIDDEN").MessageOf().ShouldBeEnglish();

        var dataset = (await platform.GraphQL(owner.AdminKey, "query($id: ID!) { dataset(id: $id) { name status version } }", new { id = datasetId })).Data("dataset");
        dataset.GetProperty("name").GetString().ShouldBe("owned");
        dataset.GetProperty("status").GetString().ShouldBe("AVAILABLE");
        dataset.GetProperty("version").GetInt64().ShouldBe(1);
        var tasks = (await platform.GraphQL(owner.AdminKey, "query($s: ID!) { importTasks(spaceId: $s) { totalCount } }", new { s = owner.Id })).Data("importTasks");
        tasks.GetProperty("totalCount").GetInt32().ShouldBe(1);
    }

    private async Task<(TestSpace Space, string TaskId, string DatasetId)> ImportedSpaceAsync()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("o/a.jsonl", "{\"text\":\"hello\"}\n"));
        var taskId = await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "o/" }, name: "owned");
        var task = await platform.WaitForImportAsync(space.AdminKey, taskId);
        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        return (space, taskId, task.GetProperty("datasetId").GetString()!);
    }

    private static bool NullOrMissing(GraphQLResponse response, string field) =>
        !response.Root.TryGetProperty("data", out var data)
        || data.ValueKind == JsonValueKind.Null
        || !data.TryGetProperty(field, out var value)
        || value.ValueKind == JsonValueKind.Null;
}
