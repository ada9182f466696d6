using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PanguGraph.Compute.Importing;
using PanguGraph.Tests.Platform;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Importing;

/// <summary>
/// Imports accepted as requests but failed by the job. Each failure must carry a typed code, the
/// object and line at fault where there is one, messages in both languages, and leave nothing
/// behind: no dataset stream, no dataset read model and no output under the dataset's prefix.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ImportFailureTests(PlatformHost platform)
{
    private const string PlatformBucket = "pangu-platform";

    private static readonly string GoodLines = string.Concat(Enumerable.Range(0, 20).Select(i => $"{{\"text\":\"line {i}\"}}\n"));

    [Fact]
    public async Task missing_bucket_fails()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = $"absent-{Guid.NewGuid():N}"[..20];

        var failure = await ImportAndFailAsync(space, new { bucket, prefix = "x/" }, "STORAGE_BUCKET_NOT_FOUND");

        failure.English.ShouldContain(bucket);
    }

    [Fact]
    public async Task empty_prefix_fails()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("elsewhere/a.jsonl", GoodLines));

        var failure = await ImportAndFailAsync(space, new { bucket, prefix = "nothing-here/" }, "SOURCE_EMPTY");

        failure.English.ShouldContain("nothing-here/");
    }

    [Fact]
    public async Task missing_explicit_key_fails()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("k/present.jsonl", GoodLines));

        var failure = await ImportAndFailAsync(space, new { bucket, keys = new[] { "k/present.jsonl", "k/absent.jsonl" } }, "STORAGE_OBJECT_NOT_FOUND");

        failure.English.ShouldContain("k/absent.jsonl");
    }

    [Fact]
    public async Task corrupt_jsonl_line_fails()
    {
        var space = await platform.CreateSpaceAsync();
        // The first object is valid and gets copied before the second one fails, so the
        // cleanup of already written output is exercised too.
        var bucket = await platform.CreateBucketWithAsync(("j/a.jsonl", GoodLines), ("j/b.jsonl", "{\"text\":\"ok\"}\n{\"text\":\"ok\"}\n{\"text\": broken\n"));

        var failure = await ImportAndFailAsync(space, new { bucket, prefix = "j/" }, "JSONL_LINE_INVALID");

        failure.ObjectKey.ShouldBe("j/b.jsonl");
        failure.Line.ShouldBe(3);
        failure.English.ShouldContain("line 3");
        failure.Chinese.ShouldContain("第 3 行");
    }

    [Fact]
    public async Task ragged_csv_row_fails()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("c/a.csv", "question,answer\nwhat,this\nwhy\n"));

        var failure = await ImportAndFailAsync(space, new { bucket, prefix = "c/" }, "CSV_RAGGED_ROW", format: "CSV");

        failure.ObjectKey.ShouldBe("c/a.csv");
        failure.Line.ShouldBe(3);
        failure.English.ShouldContain("line 3");
    }

    [Fact]
    public async Task non_utf8_text_fails()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("u/a.jsonl", GoodLines));
        // "中文" in GBK: valid bytes in that encoding, invalid as UTF-8.
        byte[] gbkLine = [.. "{\"text\":\""u8, 0xD6, 0xD0, 0xCE, 0xC4, .. "\"}\n"u8];
        await platform.PutAsync(bucket, "u/b.jsonl", [.. "{\"text\":\"ok\"}\n"u8, .. gbkLine]);

        var failure = await ImportAndFailAsync(space, new { bucket, prefix = "u/" }, "TEXT_NOT_UTF8");

        failure.ObjectKey.ShouldBe("u/b.jsonl");
        failure.Line.ShouldBe(2);
    }

    [Fact]
    public async Task record_over_limit_fails()
    {
        var space = await platform.CreateSpaceAsync();
        var huge = "{\"text\":\"" + new string('x', 1024 * 1024 + 16) + "\"}\n";
        var bucket = await platform.CreateBucketWithAsync(("l/a.jsonl", "{\"text\":\"small\"}\n" + huge));

        var failure = await ImportAndFailAsync(space, new { bucket, prefix = "l/" }, "RECORD_TOO_LARGE");

        failure.ObjectKey.ShouldBe("l/a.jsonl");
        failure.Line.ShouldBe(2);
        failure.English.ShouldContain((1024 * 1024).ToString());
    }

    [Fact]
    public async Task png_with_text_content_fails()
    {
        var space = await platform.CreateSpaceAsync();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];
        var bucket = await platform.CreateBucketWithAsync();
        await platform.PutAsync(bucket, "img/a.png", png);
        await platform.PutAsync(bucket, "img/b.png", Encoding.UTF8.GetBytes("this is a text file pretending to be an image\n"));

        var failure = await ImportAndFailAsync(space, new { bucket, prefix = "img/" }, "MEDIA_FORMAT_MISMATCH", format: "MEDIA_FILES", modality: "IMAGE");

        failure.ObjectKey.ShouldBe("img/b.png");
    }

    private sealed record Failure(string English, string Chinese, string? ObjectKey, long? Line);

    /// <summary>
    /// Starts an import that the request validation accepts, waits for it to fail with the code,
    /// checks that nothing of the dataset was written, and returns the failure in both languages.
    /// </summary>
    private async Task<Failure> ImportAndFailAsync(TestSpace space, object source, string code, string format = "JSONL", string modality = "TEXT")
    {
        var taskId = await space.StartImportAsync(space.AdminKey, source, format, modality);
        var task = await platform.WaitForImportAsync(space.AdminKey, taskId);
        task.GetProperty("status").GetString().ShouldBe("FAILED", task.ToString());
        task.GetProperty("attempt").GetInt32().ShouldBeLessThanOrEqualTo(1);
        var failure = task.GetProperty("failure");
        failure.GetProperty("code").GetString().ShouldBe(code, task.ToString());
        var english = failure.GetProperty("message").GetString()!;
        english.ShouldBeEnglish();

        var chineseTask = (await platform.GraphQL(space.AdminKey, "query($id: ID!) { importTask(id: $id) { failure { code message } } }",
            new { id = taskId }, ErrorChecks.Chinese)).Data("importTask");
        chineseTask.GetProperty("failure").GetProperty("code").GetString().ShouldBe(code);
        var chinese = chineseTask.GetProperty("failure").GetProperty("message").GetString()!;
        chinese.ShouldBeChinese();

        await ShouldHaveWrittenNothingAsync(space, task.GetProperty("datasetId").GetString()!);
        var line = failure.GetProperty("line");
        return new Failure(
            english,
            chinese,
            failure.GetProperty("objectKey").GetString(),
            line.ValueKind == JsonValueKind.Null ? null : line.GetInt64());
    }

    private async Task ShouldHaveWrittenNothingAsync(TestSpace space, string datasetId)
    {
        var id = Guid.Parse(datasetId);
        var lookup = await platform.GraphQL(space.AdminKey, "query($id: ID!) { dataset(id: $id) { id } }", new { id = datasetId });
        lookup.ShouldFailWith("NOT_FOUND");
        var datasets = (await platform.GraphQL(space.AdminKey, "query($s: ID!) { datasets(spaceId: $s) { totalCount } }", new { s = space.Id })).Data("datasets");
        datasets.GetProperty("totalCount").GetInt32().ShouldBe(0);

        var store = platform.Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.QuerySession())
        {
            (await session.Events.FetchStreamStateAsync(id)).ShouldBeNull();
        }

        var prefix = DatasetManifest.PrefixFor(space.Id, id, 1);
        prefix.ShouldBe($"spaces/{space.Id:N}/datasets/{id:N}/v1/");
        var leftOver = new List<string>();
        if (await platform.Storage.BucketExistsAsync(PlatformBucket, CancellationToken.None))
        {
            await foreach (var item in platform.Storage.ListAsync(PlatformBucket, prefix, CancellationToken.None))
            {
                leftOver.Add(item.Key);
            }
        }

        leftOver.ShouldBeEmpty();
    }
}
