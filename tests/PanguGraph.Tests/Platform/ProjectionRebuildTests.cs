using Marten;
using Microsoft.Extensions.DependencyInjection;
using PanguGraph.Projections.Datasets;
using PanguGraph.Projections.Importing;
using PanguGraph.Projections.Spaces;
using PanguGraph.Projections.Users;
using PanguGraph.Tests.Importing;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Platform;

/// <summary>
/// Read models are derived data: rebuilding every projection from the events must give the same
/// documents as the live projections wrote.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ProjectionRebuildTests(PlatformHost platform)
{
    [Fact]
    public async Task rebuilt_read_models_equal_live_ones()
    {
        var space = await platform.CreateSpaceAsync();
        await space.AddMemberAsync(PlatformHost.Unique("auditor"), "AUDITOR");
        var bucket = await platform.CreateBucketWithAsync(("x/a.jsonl", LiveProgressTests.Lines(12)), ("bad/a.jsonl", "{\"ok\":1}\nnot json\n"));
        var good = await platform.WaitForImportAsync(space.AdminKey, await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "x/" }));
        await platform.WaitForImportAsync(space.AdminKey, await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "bad/" }));
        await platform.GraphQL(space.AdminKey, """
            mutation($input: UpdateDatasetInput!) { updateDataset(input: $input) { errors { code } } }
            """, new { input = new { datasetId = good.GetProperty("datasetId").GetString(), name = "edited", visibility = "SPACE" } });

        var store = platform.Host.Services.GetRequiredService<IDocumentStore>();
        var before = await SnapshotAsync(store);

        using var daemon = await store.BuildProjectionDaemonAsync();
        foreach (var projection in new[] { "SpaceView", "UserView", "ApiKeyLookup", "DatasetView", "ImportTaskView" })
        {
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(2), CancellationToken.None);
        }

        var after = await SnapshotAsync(store);
        foreach (var (kind, documents) in before)
        {
            after[kind].Count.ShouldBe(documents.Count, kind);
            foreach (var (id, json) in documents)
            {
                after[kind].ShouldContainKey(id, kind);
                after[kind][id].ShouldBe(json, $"{kind} {id} differs after a rebuild");
            }
        }

        before["SpaceView"].ShouldContainKey(space.Id.ToString());
    }

    private static async Task<Dictionary<string, Dictionary<string, string>>> SnapshotAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        var serializer = store.Options.Serializer();
        return new Dictionary<string, Dictionary<string, string>>
        {
            ["SpaceView"] = (await session.Query<SpaceView>().ToListAsync()).ToDictionary(d => d.Id.ToString(), d => serializer.ToJson(d)),
            ["UserView"] = (await session.Query<UserView>().ToListAsync()).ToDictionary(d => d.Id.ToString(), d => serializer.ToJson(d)),
            ["ApiKeyLookup"] = (await session.Query<ApiKeyLookup>().ToListAsync()).ToDictionary(d => d.Id, d => serializer.ToJson(d)),
            ["DatasetView"] = (await session.Query<DatasetView>().ToListAsync()).ToDictionary(d => d.Id.ToString(), d => serializer.ToJson(d)),
            ["ImportTaskView"] = (await session.Query<ImportTaskView>().ToListAsync()).ToDictionary(d => d.Id.ToString(), d => serializer.ToJson(d)),
        };
    }
}
