using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PanguGraph.Compute.Importing;
using PanguGraph.Tests.Platform;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Importing;

[Collection(PlatformCollection.Name)]
public sealed class ImportFlowTests(PlatformHost platform)
{
    private static string Poems(int count, int offset = 0) => string.Concat(Enumerable.Range(offset, count)
        .Select(i => JsonSerializer.Serialize(new { title = $"诗 {i}", author = "李白", text = $"床前明月光，疑是地上霜。第{i}首" }) + "\n"));

    [Fact]
    public async Task jsonl_import_creates_dataset_version_one()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("poems/a.jsonl", Poems(30)), ("poems/b.jsonl", Poems(20, 30)), ("other/c.jsonl", Poems(5)));

        var response = await space.CreateImportAsync(space.AdminKey, new { bucket, prefix = "poems/" }, extendedInfo: new
        {
            industry = "culture",
            language = "zh",
            customFields = new[] { new { key = "source", value = "test" } },
            copyright = new { holder = "public domain", license = "CC0-1.0" },
        });
        var taskId = response.Data("createImportTask").GetProperty("importTask").GetProperty("id").GetString()!;
        var task = await platform.WaitForImportAsync(space.AdminKey, taskId);

        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        task.GetProperty("recordsImported").GetInt64().ShouldBe(50);
        task.GetProperty("objectCount").GetInt32().ShouldBe(2);
        task.GetProperty("attempt").GetInt32().ShouldBe(1);

        var datasetId = task.GetProperty("datasetId").GetString()!;
        var dataset = (await platform.GraphQL(space.AdminKey, """
            query($id: ID!) { dataset(id: $id) { name datasetVersion status modality format
              statistics { recordCount objectCount byteCount }
              extendedInfo { industry language customFields { key value } copyright { license } }
              location { bucket manifestKey } preview(limit: 2) } }
            """, new { id = datasetId })).Data("dataset");
        dataset.GetProperty("datasetVersion").GetInt32().ShouldBe(1);
        dataset.GetProperty("status").GetString().ShouldBe("AVAILABLE");
        dataset.GetProperty("statistics").GetProperty("recordCount").GetInt64().ShouldBe(50);
        dataset.GetProperty("statistics").GetProperty("objectCount").GetInt32().ShouldBe(2);
        dataset.GetProperty("statistics").GetProperty("byteCount").GetInt64().ShouldBe(Encoding.UTF8.GetByteCount(Poems(30)) + Encoding.UTF8.GetByteCount(Poems(20, 30)));
        dataset.GetProperty("extendedInfo").GetProperty("industry").GetString().ShouldBe("culture");
        dataset.GetProperty("extendedInfo").GetProperty("customFields")[0].GetProperty("value").GetString().ShouldBe("test");
        dataset.GetProperty("extendedInfo").GetProperty("copyright").GetProperty("license").GetString().ShouldBe("CC0-1.0");

        var preview = dataset.GetProperty("preview");
        preview.GetArrayLength().ShouldBe(2);
        preview[0].GetProperty("title").GetString().ShouldBe("诗 0");
        preview[1].GetProperty("author").GetString().ShouldBe("李白");

        var location = dataset.GetProperty("location");
        var manifest = await ReadManifestAsync(location.GetProperty("bucket").GetString()!, location.GetProperty("manifestKey").GetString()!);
        manifest.RecordCount.ShouldBe(50);
        manifest.Objects.Select(o => o.SourceKey).ShouldBe(["poems/a.jsonl", "poems/b.jsonl"]);
        manifest.Objects.Select(o => o.RecordCount).ShouldBe([30L, 20L]);
    }

    [Fact]
    public async Task explicit_keys_and_csv_import()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("t/one.csv", "question,answer\n什么是光？,电磁波\n\"a, b\",c\n"), ("t/skip.csv", "x\n1\n"));

        var taskId = await space.StartImportAsync(space.AdminKey, new { bucket, keys = new[] { "t/one.csv" } }, format: "CSV");
        var task = await platform.WaitForImportAsync(space.AdminKey, taskId);

        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        task.GetProperty("recordsImported").GetInt64().ShouldBe(2);
        var preview = (await platform.GraphQL(space.AdminKey, "query($id: ID!) { dataset(id: $id) { preview } }",
            new { id = task.GetProperty("datasetId").GetString() })).Data("dataset").GetProperty("preview");
        preview[0].GetProperty("question").GetString().ShouldBe("什么是光？");
        preview[1].GetProperty("question").GetString().ShouldBe("a, b");
    }

    [Fact]
    public async Task image_files_import_by_magic_bytes()
    {
        var space = await platform.CreateSpaceAsync();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];
        var bucket = await platform.CreateBucketWithAsync();
        await platform.PutAsync(bucket, "img/a.png", png);
        await platform.PutAsync(bucket, "img/b.jpg", jpeg);

        var taskId = await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "img/" }, format: "MEDIA_FILES", modality: "IMAGE");
        var task = await platform.WaitForImportAsync(space.AdminKey, taskId);

        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        task.GetProperty("recordsImported").GetInt64().ShouldBe(2);
        var preview = (await platform.GraphQL(space.AdminKey, "query($id: ID!) { dataset(id: $id) { preview } }",
            new { id = task.GetProperty("datasetId").GetString() })).Data("dataset").GetProperty("preview");
        preview[0].GetProperty("mediaType").GetString().ShouldBe("image/png");
        preview[1].GetProperty("mediaType").GetString().ShouldBe("image/jpeg");

        var copy = preview[0].GetProperty("key").GetString()!;
        await using var stored = await platform.Storage.OpenReadAsync("pangu-platform", copy, CancellationToken.None);
        using var buffer = new MemoryStream();
        await stored.CopyToAsync(buffer);
        buffer.ToArray().ShouldBe(png);
    }

    [Fact]
    public async Task sample_poetry_file_imports_every_line()
    {
        var sample = FindSample("chinese-poetry/poems.jsonl");
        var lines = File.ReadLines(sample).Count(l => l.Trim().Length > 0);
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync();
        await platform.PutAsync(bucket, "poetry/poems.jsonl", await File.ReadAllBytesAsync(sample));

        var taskId = await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "poetry/" });
        var task = await platform.WaitForImportAsync(space.AdminKey, taskId);

        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        task.GetProperty("recordsImported").GetInt64().ShouldBe(lines);
        task.GetProperty("bytesRead").GetInt64().ShouldBe(new FileInfo(sample).Length);
    }

    [Fact]
    public async Task datasets_page_and_filter()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("d/a.jsonl", Poems(3)));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var taskId = await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "d/" }, name: $"set-{i}");
            ids.Add((await platform.WaitForImportAsync(space.AdminKey, taskId)).GetProperty("datasetId").GetString()!);
        }

        const string page = """
            query($space: ID!, $after: String, $modality: Modality) {
              datasets(spaceId: $space, first: 2, after: $after, filter: { modality: $modality }) {
                totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } } }
            """;
        var first = (await platform.GraphQL(space.AdminKey, page, new { space = space.Id })).Data("datasets");
        first.GetProperty("totalCount").GetInt32().ShouldBe(3);
        first.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean().ShouldBeTrue();
        first.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("name").GetString()).ShouldBe(["set-2", "set-1"]);

        var cursor = first.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var second = (await platform.GraphQL(space.AdminKey, page, new { space = space.Id, after = cursor })).Data("datasets");
        second.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean().ShouldBeFalse();
        second.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("name").GetString()).ShouldBe(["set-0"]);

        var images = (await platform.GraphQL(space.AdminKey, page, new { space = space.Id, modality = "IMAGE" })).Data("datasets");
        images.GetProperty("totalCount").GetInt32().ShouldBe(0);

        var tooMany = await platform.GraphQL(space.AdminKey, "query($s: ID!) { datasets(spaceId: $s, first: 101) { totalCount } }", new { s = space.Id });
        tooMany.FirstErrorCode.ShouldBe("INVALID");
    }

    [Fact]
    public async Task edit_and_delete_dataset()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("e/a.jsonl", Poems(2)));
        var task = await platform.WaitForImportAsync(space.AdminKey, await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "e/" }));
        var datasetId = task.GetProperty("datasetId").GetString();

        var edited = await platform.GraphQL(space.AdminKey, """
            mutation($input: UpdateDatasetInput!) { updateDataset(input: $input) {
              dataset { name description visibility version extendedInfo { language } } errors { code } } }
            """, new { input = new { datasetId, name = "renamed", description = "new words", visibility = "PRIVATE", extendedInfo = new { language = "en" }, expectedVersion = 1 } });
        var dataset = edited.Data("updateDataset").GetProperty("dataset");
        dataset.GetProperty("name").GetString().ShouldBe("renamed");
        dataset.GetProperty("visibility").GetString().ShouldBe("PRIVATE");
        dataset.GetProperty("version").GetInt64().ShouldBe(2);
        dataset.GetProperty("extendedInfo").GetProperty("language").GetString().ShouldBe("en");

        var deleted = await platform.GraphQL(space.AdminKey, """
            mutation($input: DeleteDatasetInput!) { deleteDataset(input: $input) { dataset { status } errors { code } } }
            """, new { input = new { datasetId } });
        deleted.Data("deleteDataset").GetProperty("dataset").GetProperty("status").GetString().ShouldBe("DELETED");

        var listed = (await platform.GraphQL(space.AdminKey, "query($s: ID!) { datasets(spaceId: $s) { totalCount } }", new { s = space.Id })).Data("datasets");
        listed.GetProperty("totalCount").GetInt32().ShouldBe(0);

        var again = await platform.GraphQL(space.AdminKey, """
            mutation($input: DeleteDatasetInput!) { deleteDataset(input: $input) { errors { code } } }
            """, new { input = new { datasetId } });
        again.Data("deleteDataset").GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("DELETED");
    }

    internal static string FindSample(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"samples/{relative} was not found above {AppContext.BaseDirectory}");
    }

    private async Task<DatasetManifest> ReadManifestAsync(string bucket, string key)
    {
        await using var stream = await platform.Storage.OpenReadAsync(bucket, key, CancellationToken.None);
        return (await JsonSerializer.DeserializeAsync<DatasetManifest>(stream, ManifestJson.Options))!;
    }
}
