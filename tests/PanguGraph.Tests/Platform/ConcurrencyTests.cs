using System.Text.Json;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed class ConcurrencyTests(PlatformHost platform)
{
    private const string UpdateDataset = """
        mutation($input: UpdateDatasetInput!) { updateDataset(input: $input) { dataset { name description version } errors { code message field } } }
        """;

    [Fact]
    public async Task stale_dataset_edit_conflicts()
    {
        var space = await platform.CreateSpaceAsync();
        var datasetId = await ImportAsync(space);

        var first = await platform.GraphQL(space.AdminKey, UpdateDataset, new { input = new { datasetId, name = "first", visibility = "SPACE", description = "first words", expectedVersion = 1 } });
        var second = await platform.GraphQL(space.AdminKey, UpdateDataset, new { input = new { datasetId, name = "second", visibility = "SPACE", description = "second words", expectedVersion = 1 } });
        var secondZh = await platform.GraphQL(space.AdminKey, UpdateDataset, new { input = new { datasetId, name = "third", visibility = "SPACE", expectedVersion = 1 } }, ErrorChecks.Chinese);

        first.ShouldAccept("updateDataset").GetProperty("dataset").GetProperty("version").GetInt64().ShouldBe(2);
        var message = second.ShouldRejectWith("updateDataset", "dataset", "CONCURRENCY_CONFLICT").MessageOf();
        message.ShouldBeEnglish();
        message.ShouldContain(datasetId);
        secondZh.ShouldRejectWith("updateDataset", "dataset", "CONCURRENCY_CONFLICT").MessageOf().ShouldBeChinese();

        var dataset = await ReadDatasetAsync(space, datasetId);
        dataset.GetProperty("name").GetString().ShouldBe("first");
        dataset.GetProperty("description").GetString().ShouldBe("first words");
        dataset.GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task simultaneous_dataset_edits_one_wins()
    {
        var space = await platform.CreateSpaceAsync();
        var datasetId = await ImportAsync(space);

        var responses = await Task.WhenAll(
            platform.GraphQL(space.AdminKey, UpdateDataset, new { input = new { datasetId, name = "left", visibility = "SPACE", expectedVersion = 1 } }),
            platform.GraphQL(space.AdminKey, UpdateDataset, new { input = new { datasetId, name = "right", visibility = "SPACE", expectedVersion = 1 } }));

        var outcomes = responses.Select(r => r.Data("updateDataset")).ToList();
        var winners = outcomes.Where(o => o.GetProperty("errors").GetArrayLength() == 0).ToList();
        var losers = outcomes.Where(o => o.GetProperty("errors").GetArrayLength() > 0).ToList();
        winners.Count.ShouldBe(1, string.Join("\n", responses.Select(r => r.Raw)));
        losers.Count.ShouldBe(1);
        losers[0].GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("CONCURRENCY_CONFLICT");
        losers[0].GetProperty("dataset").ValueKind.ShouldBe(JsonValueKind.Null);

        var winnerName = winners[0].GetProperty("dataset").GetProperty("name").GetString();
        var dataset = await ReadDatasetAsync(space, datasetId);
        dataset.GetProperty("name").GetString().ShouldBe(winnerName);
        dataset.GetProperty("version").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task stale_space_rename_conflicts()
    {
        var name = PlatformHost.Unique("space");
        var space = await platform.CreateSpaceAsync(name);
        const string rename = """
            mutation($input: RenameSpaceInput!) { renameSpace(input: $input) { space { name version } errors { code message field } } }
            """;
        var read = (await platform.GraphQL(space.AdminKey, "query($id: ID!) { space(id: $id) { version } }", new { id = space.Id })).Data("space");
        var version = read.GetProperty("version").GetInt64();

        var first = await platform.GraphQL(space.AdminKey, rename, new { input = new { spaceId = space.Id, name = "renamed once", expectedVersion = version } });
        var stale = await platform.GraphQL(space.AdminKey, rename, new { input = new { spaceId = space.Id, name = "renamed twice", expectedVersion = version } });
        var staleZh = await platform.GraphQL(space.AdminKey, rename, new { input = new { spaceId = space.Id, name = "renamed twice", expectedVersion = version } }, ErrorChecks.Chinese);

        first.ShouldAccept("renameSpace").GetProperty("space").GetProperty("version").GetInt64().ShouldBe(version + 1);
        stale.ShouldRejectWith("renameSpace", "space", "CONCURRENCY_CONFLICT").MessageOf().ShouldBeEnglish();
        staleZh.ShouldRejectWith("renameSpace", "space", "CONCURRENCY_CONFLICT").MessageOf().ShouldBeChinese();
        var current = (await platform.GraphQL(space.AdminKey, "query($id: ID!) { space(id: $id) { name version } }", new { id = space.Id })).Data("space");
        current.GetProperty("name").GetString().ShouldBe("renamed once");
        current.GetProperty("version").GetInt64().ShouldBe(version + 1);
    }

    private async Task<string> ImportAsync(TestSpace space)
    {
        var bucket = await platform.CreateBucketWithAsync(("c/a.jsonl", "{\"text\":\"hello\"}\n"));
        var task = await platform.WaitForImportAsync(space.AdminKey, await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "c/" }, name: "original"));
        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        return task.GetProperty("datasetId").GetString()!;
    }

    private async Task<JsonElement> ReadDatasetAsync(TestSpace space, string datasetId) =>
        (await platform.GraphQL(space.AdminKey, "query($id: ID!) { dataset(id: $id) { name description version } }", new { id = datasetId })).Data("dataset");
}
