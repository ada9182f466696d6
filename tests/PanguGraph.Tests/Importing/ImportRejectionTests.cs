using PanguGraph.Tests.Platform;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Importing;

/// <summary>
/// Import requests rejected before a task exists: each gets a typed payload error and leaves no
/// import task behind.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ImportRejectionTests(PlatformHost platform)
{
    [Fact]
    public async Task format_not_allowed_for_modality()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("f/a.jsonl", "{\"a\":1}\n"));

        var english = await space.CreateImportAsync(space.AdminKey, new { bucket, prefix = "f/" }, format: "JSONL", modality: "IMAGE");
        var chinese = await space.CreateImportAsync(space.AdminKey, new { bucket, prefix = "f/" }, format: "CSV", modality: "VIDEO", language: ErrorChecks.Chinese);

        var message = english.ShouldRejectWith("createImportTask", "importTask", "FORMAT_NOT_SUPPORTED", "format").MessageOf();
        message.ShouldBeEnglish();
        message.ShouldContain("MEDIA_FILES");
        chinese.ShouldRejectWith("createImportTask", "importTask", "FORMAT_NOT_SUPPORTED", "format").MessageOf().ShouldBeChinese();
        await ShouldHaveNoTasksAsync(space);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task empty_dataset_name(string name)
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("n/a.jsonl", "{\"a\":1}\n"));

        var english = await space.CreateImportAsync(space.AdminKey, new { bucket, prefix = "n/" }, name: name);
        var chinese = await space.CreateImportAsync(space.AdminKey, new { bucket, prefix = "n/" }, name: name, language: ErrorChecks.Chinese);

        var message = english.ShouldRejectWith("createImportTask", "importTask", "REQUIRED", "datasetName").MessageOf();
        message.ShouldBeEnglish();
        message.ShouldContain("datasetName");
        chinese.ShouldRejectWith("createImportTask", "importTask", "REQUIRED", "datasetName").MessageOf().ShouldBeChinese();
        await ShouldHaveNoTasksAsync(space);
    }

    [Fact]
    public async Task prefix_and_keys_together()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("s/a.jsonl", "{\"a\":1}\n"));
        var source = new { bucket, prefix = "s/", keys = new[] { "s/a.jsonl" } };

        var english = await space.CreateImportAsync(space.AdminKey, source);
        var chinese = await space.CreateImportAsync(space.AdminKey, source, language: ErrorChecks.Chinese);

        english.ShouldRejectWith("createImportTask", "importTask", "SOURCE_AMBIGUOUS", "source").MessageOf().ShouldBeEnglish();
        chinese.ShouldRejectWith("createImportTask", "importTask", "SOURCE_AMBIGUOUS", "source").MessageOf().ShouldBeChinese();
        await ShouldHaveNoTasksAsync(space);
    }

    [Fact]
    public async Task neither_prefix_nor_keys()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("s/a.jsonl", "{\"a\":1}\n"));

        var english = await space.CreateImportAsync(space.AdminKey, new { bucket });
        var chinese = await space.CreateImportAsync(space.AdminKey, new { bucket, prefix = "  " }, language: ErrorChecks.Chinese);

        english.ShouldRejectWith("createImportTask", "importTask", "SOURCE_EMPTY", "source").MessageOf().ShouldBeEnglish();
        chinese.ShouldRejectWith("createImportTask", "importTask", "SOURCE_EMPTY", "source").MessageOf().ShouldBeChinese();
        await ShouldHaveNoTasksAsync(space);
    }

    [Fact]
    public async Task too_many_custom_fields()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("c/a.jsonl", "{\"a\":1}\n"));
        var extendedInfo = new { customFields = Enumerable.Range(1, 21).Select(i => new { key = $"k{i}", value = "v" }).ToArray() };

        var english = await space.CreateImportAsync(space.AdminKey, new { bucket, prefix = "c/" }, extendedInfo: extendedInfo);
        var chinese = await space.CreateImportAsync(space.AdminKey, new { bucket, prefix = "c/" }, extendedInfo: extendedInfo, language: ErrorChecks.Chinese);

        var message = english.ShouldRejectWith("createImportTask", "importTask", "TOO_MANY_CUSTOM_FIELDS", "extendedInfo", "customFields").MessageOf();
        message.ShouldBeEnglish();
        message.ShouldContain("21");
        chinese.ShouldRejectWith("createImportTask", "importTask", "TOO_MANY_CUSTOM_FIELDS", "extendedInfo", "customFields").MessageOf().ShouldBeChinese();
        await ShouldHaveNoTasksAsync(space);
    }

    [Fact]
    public async Task twenty_custom_fields_accepted()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("c/a.jsonl", "{\"a\":1}\n"));
        var extendedInfo = new { customFields = Enumerable.Range(1, 20).Select(i => new { key = $"k{i}", value = "v" }).ToArray() };

        var response = await space.CreateImportAsync(space.AdminKey, new { bucket, prefix = "c/" }, extendedInfo: extendedInfo);

        response.ShouldAccept("createImportTask");
        var task = await platform.WaitForImportAsync(space.AdminKey, response.Data("createImportTask").GetProperty("importTask").GetProperty("id").GetString()!);
        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
    }

    private async Task ShouldHaveNoTasksAsync(TestSpace space)
    {
        var tasks = (await platform.GraphQL(space.AdminKey, "query($s: ID!) { importTasks(spaceId: $s) { totalCount } }", new { s = space.Id })).Data("importTasks");
        tasks.GetProperty("totalCount").GetInt32().ShouldBe(0);
        var datasets = (await platform.GraphQL(space.AdminKey, "query($s: ID!) { datasets(spaceId: $s) { totalCount } }", new { s = space.Id })).Data("datasets");
        datasets.GetProperty("totalCount").GetInt32().ShouldBe(0);
    }
}
