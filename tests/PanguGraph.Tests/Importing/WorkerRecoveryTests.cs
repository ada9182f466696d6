using System.Text;
using PanguGraph.Tests.Platform;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Importing;

/// <summary>
/// A worker node stops in the middle of an import; another node takes the job over from the
/// durable queue and imports every record exactly once.
/// </summary>
[Collection(WorkerRecoveryCollection.Name)]
public sealed class WorkerRecoveryTests
{
    [Fact]
    public async Task stopped_worker_import_resumes_elsewhere()
    {
        const int records = 300;
        var first = await PlatformHost.StartNodeAsync(workerEnabled: true, new Dictionary<string, string?>
        {
            ["Import:DelayPerRecord"] = "00:00:00.020",
        });
        var platform = PlatformHost.Wrap(first);
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("r/a.jsonl", LiveProgressTests.Lines(records)));
        var taskId = await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "r/" });

        await WaitUntilAsync(async () =>
        {
            var task = await Task(platform, space.AdminKey, taskId);
            return task.GetProperty("status").GetString() == "RUNNING" && task.GetProperty("recordsImported").GetInt64() > 20;
        }, TimeSpan.FromSeconds(30));
        await first.DisposeAsync();

        await using var second = await PlatformHost.StartNodeAsync(workerEnabled: true);
        var secondPlatform = PlatformHost.Wrap(second);
        var finished = await secondPlatform.WaitForImportAsync(space.AdminKey, taskId, TimeSpan.FromSeconds(120));

        finished.GetProperty("status").GetString().ShouldBe("SUCCEEDED", finished.ToString());
        finished.GetProperty("attempt").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        finished.GetProperty("recordsImported").GetInt64().ShouldBe(records);

        var dataset = (await secondPlatform.GraphQL(space.AdminKey, """
            query($id: ID!) { dataset(id: $id) { statistics { recordCount } location { bucket prefix } } }
            """, new { id = finished.GetProperty("datasetId").GetString() })).Data("dataset");
        dataset.GetProperty("statistics").GetProperty("recordCount").GetInt64().ShouldBe(records);

        var location = dataset.GetProperty("location");
        var lines = 0;
        await foreach (var item in secondPlatform.Storage.ListAsync(location.GetProperty("bucket").GetString()!, location.GetProperty("prefix").GetString()! + "data/", CancellationToken.None))
        {
            await using var stream = await secondPlatform.Storage.OpenReadAsync(location.GetProperty("bucket").GetString()!, item.Key, CancellationToken.None);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync() is { } line)
            {
                lines += line.Length > 0 ? 1 : 0;
            }
        }

        lines.ShouldBe(records, "the normalised copy holds every record once");
    }

    private static async Task<System.Text.Json.JsonElement> Task(PlatformHost platform, string key, string taskId) =>
        (await platform.GraphQL(key, "query($id: ID!) { importTask(id: $id) { status recordsImported attempt } }", new { id = taskId })).Data("importTask");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "condition not reached in time");
            await System.Threading.Tasks.Task.Delay(100);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WorkerRecoveryCollection
{
    public const string Name = "worker-recovery";
}
