using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PanguGraph.Compute.Importing;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Deduplication;
using PanguGraph.Compute.Processing.Operators.Text.Filtering;
using PanguGraph.Compute.Processing.Operators.Text.Mapping;
using PanguGraph.Domain.Processing.Tasks;
using PanguGraph.Projections.Datasets;
using PanguGraph.Tests.Importing;
using PanguGraph.Tests.Platform;
using Shouldly;
using SkiaSharp;
using Wolverine;
using Xunit;

namespace PanguGraph.Tests.Processing;

[Collection(PlatformCollection.Name)]
public sealed class ProcessingFlowTests(PlatformHost platform)
{
    private const string TaskFields = """
        id status shardCount stageCount shardsProcessed recordsIn recordsOut emptyResult processedDatasetId
        statistics { stepIndex operatorId recordsIn recordsOut modified removed unprocessable }
        samples { stepIndex kind recordId before after reasonCode }
        deduplication { stage duplicatesFound }
        failure { code message }
        """;

    [Fact]
    public async Task operators_are_localised()
    {
        var space = await platform.CreateSpaceAsync();
        const string query = "query { operators(modality: TEXT) { id kind name modalities parameters { name type default minimum maximum required } } }";

        var english = (await platform.GraphQL(space.AdminKey, query)).Data("operators");
        var chinese = (await platform.GraphQL(space.AdminKey, query, language: "zh-CN")).Data("operators");
        var video = (await platform.GraphQL(space.AdminKey, "query { operators(modality: VIDEO) { id } }")).Data("operators");

        var length = english.EnumerateArray().Single(o => o.GetProperty("id").GetString() == "text.length_filter");
        length.GetProperty("kind").GetString().ShouldBe("FILTER");
        var minLength = length.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "minLength");
        minLength.GetProperty("type").GetString().ShouldBe("INTEGER");
        minLength.GetProperty("minimum").ValueKind.ShouldBe(JsonValueKind.Number);
        var chineseName = chinese.EnumerateArray().Single(o => o.GetProperty("id").GetString() == "text.length_filter").GetProperty("name").GetString()!;
        chineseName.ShouldNotBe(length.GetProperty("name").GetString());
        chineseName.Any(c => c >= 0x4E00 && c <= 0x9FFF).ShouldBeTrue();
        english.EnumerateArray().ShouldAllBe(o => o.GetProperty("modalities").EnumerateArray().Any(m => m.GetString() == "TEXT"));
        video.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task pipeline_bad_inputs_rejected()
    {
        var space = await platform.CreateSpaceAsync();
        var video = await CreatePipelineAsync(space, "VIDEO");
        video.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("MODALITY_HAS_NO_OPERATORS");

        var pipelineId = (await CreatePipelineAsync(space, "TEXT")).GetProperty("pipeline").GetProperty("id").GetString()!;
        var unknown = await AddStepAsync(space, pipelineId, "text.nope", new { });
        var wrongType = await AddStepAsync(space, pipelineId, "text.length_filter", new { minLength = "ten" });
        var outOfRange = await AddStepAsync(space, pipelineId, "text.length_filter", new { minLength = -1, maxLength = -2 }, language: "zh-CN");

        unknown.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("UNKNOWN_OPERATOR");
        wrongType.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("PARAMETER_TYPE_INVALID");
        wrongType.GetProperty("errors")[0].GetProperty("field").EnumerateArray().Select(f => f.GetString()).ShouldBe(["steps", "0", "parameters", "minLength"]);
        outOfRange.GetProperty("errors").GetArrayLength().ShouldBe(2);
        outOfRange.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain("超出允许范围");

        var dataset = await ImportAsync(space, ("a.jsonl", "{\"text\":\"hello\"}\n"));
        var empty = await StartAsync(space, dataset, pipelineId, autoGenerate: true);
        empty.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("PIPELINE_EMPTY");

        var other = await platform.CreateSpaceAsync();
        var foreignPipeline = (await CreatePipelineAsync(other, "TEXT")).GetProperty("pipeline").GetProperty("id").GetString()!;
        (await AddStepAsync(other, foreignPipeline, "text.nfkc_normalize", new { })).GetProperty("errors").GetArrayLength().ShouldBe(0);
        var crossSpace = await StartAsync(other, dataset, foreignPipeline, autoGenerate: true);
        crossSpace.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("NOT_FOUND");
        crossSpace.GetProperty("errors")[0].GetProperty("field")[0].GetString().ShouldBe("datasetId");
    }

    [Fact]
    public async Task every_resource_rule_rejected()
    {
        var space = await platform.CreateSpaceAsync();
        var pipelineId = (await CreatePipelineAsync(space, "TEXT")).GetProperty("pipeline").GetProperty("id").GetString()!;
        var cases = new (object Resources, string Code, string Field)[]
        {
            (new { numExecutors = 0 }, "RESOURCE_VALUE_INVALID", "numExecutors"),
            (new { numExecutors = 8, executorMemory = 4 }, "RESOURCE_TOTAL_MEMORY_OUT_OF_RANGE", "numExecutors"),
            (new { numExecutors = 1, executorCores = 1, executorMemory = 3 }, "RESOURCE_TOTAL_MEMORY_OUT_OF_RANGE", "numExecutors"),
            (new { executorCores = 2, executorMemory = 3 }, "RESOURCE_CORE_MEMORY_RATIO_INVALID", "executorMemory"),
            (new { executorCores = 1, executorMemory = 5, numExecutors = 2 }, "RESOURCE_CORE_MEMORY_RATIO_INVALID", "executorMemory"),
            (new { driverCores = 2, driverMemory = 9 }, "RESOURCE_CORE_MEMORY_RATIO_INVALID", "driverMemory"),
            (new { custom = new[] { new { key = "spark.x", value = " " } } }, "RESOURCE_CUSTOM_SETTING_INVALID", "custom"),
            (new { custom = new[] { new { key = "driverCores", value = "3" } } }, "RESOURCE_CUSTOM_SETTING_INVALID", "custom"),
        };

        foreach (var (resources, code, field) in cases)
        {
            var payload = await ConfigureAsync(space, pipelineId, resources);
            var errors = payload.GetProperty("errors");
            errors.GetArrayLength().ShouldBeGreaterThan(0, $"{JsonSerializer.Serialize(resources)} was accepted");
            errors.EnumerateArray().Select(e => e.GetProperty("code").GetString()).ShouldContain(code, JsonSerializer.Serialize(resources));
            errors.EnumerateArray().Select(e => e.GetProperty("field")[1].GetString()).ShouldContain(field);
        }

        var accepted = await ConfigureAsync(space, pipelineId, new { numExecutors = 4, executorCores = 1, executorMemory = 4, custom = new[] { new { key = "spark.sql.shuffle.partitions", value = "8" } } });
        accepted.GetProperty("errors").GetArrayLength().ShouldBe(0);
        accepted.GetProperty("pipeline").GetProperty("resources").GetProperty("numExecutors").GetInt32().ShouldBe(4);
        accepted.GetProperty("pipeline").GetProperty("resources").GetProperty("custom")[0].GetProperty("key").GetString().ShouldBe("spark.sql.shuffle.partitions");
    }

    [Fact]
    public async Task template_round_trip()
    {
        var space = await platform.CreateSpaceAsync();
        var source = (await CreatePipelineAsync(space, "TEXT")).GetProperty("pipeline").GetProperty("id").GetString()!;
        await AddStepAsync(space, source, "text.nfkc_normalize", new { });
        await AddStepAsync(space, source, "text.length_filter", new { minLength = 7 });
        await ConfigureAsync(space, source, new { numExecutors = 3, executorCores = 1, executorMemory = 4 });

        var saved = (await platform.GraphQL(space.AdminKey, """
            mutation($input: SavePipelineAsTemplateInput!) { savePipelineAsTemplate(input: $input) { template { id steps { operatorId } } errors { code } } }
            """, new { input = new { pipelineId = source, name = "clean text" } })).Data("savePipelineAsTemplate");
        var templateId = saved.GetProperty("template").GetProperty("id").GetString()!;

        var target = (await CreatePipelineAsync(space, "TEXT")).GetProperty("pipeline").GetProperty("id").GetString()!;
        await AddStepAsync(space, target, "text.quality_score_tagger", new { });
        var applied = (await platform.GraphQL(space.AdminKey, """
            mutation($input: ApplyPipelineTemplateInput!) { applyPipelineTemplate(input: $input) {
              pipeline { appliedTemplateId steps { operatorId parameters } resources { numExecutors } } errors { code } } }
            """, new { input = new { pipelineId = target, templateId } })).Data("applyPipelineTemplate").GetProperty("pipeline");
        var fromTemplate = await CreatePipelineAsync(space, "TEXT", templateId);
        var imageFromTemplate = await CreatePipelineAsync(space, "IMAGE", templateId);

        applied.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("operatorId").GetString()).ShouldBe(["text.nfkc_normalize", "text.length_filter"]);
        applied.GetProperty("steps")[1].GetProperty("parameters").GetProperty("minLength").GetInt32().ShouldBe(7);
        applied.GetProperty("resources").GetProperty("numExecutors").GetInt32().ShouldBe(3);
        applied.GetProperty("appliedTemplateId").GetString().ShouldBe(templateId);
        fromTemplate.GetProperty("pipeline").GetProperty("steps").GetArrayLength().ShouldBe(2);
        imageFromTemplate.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("TEMPLATE_MODALITY_MISMATCH");
    }

    [Fact]
    public async Task two_workers_process_shards_once()
    {
        var poems = await File.ReadAllTextAsync(ImportFlowTests.FindSample("chinese-poetry/poems.jsonl"));
        var duplicates = string.Concat(poems.Split('\n').Where(l => l.Length > 0).Take(40).Select(l => l + "\n"));
        var space = await platform.CreateSpaceAsync();
        var datasetId = await ImportAsync(space, ("poems.jsonl", poems), ("copies.jsonl", duplicates));

        var pipelineId = (await CreatePipelineAsync(space, "TEXT")).GetProperty("pipeline").GetProperty("id").GetString()!;
        await AddStepAsync(space, pipelineId, "text.nfkc_normalize", new { });
        await AddStepAsync(space, pipelineId, "text.length_filter", new { minLength = 30 });
        await AddStepAsync(space, pipelineId, "text.exact_dedup", new { });
        await AddStepAsync(space, pipelineId, "text.whitespace_clean", new { });
        await ConfigureAsync(space, pipelineId, new { numExecutors = 4, executorCores = 1, executorMemory = 4 });

        await using var second = await PlatformHost.StartNodeAsync(workerEnabled: true, new Dictionary<string, string?>
        {
            ["Processing:WorkerName"] = "node-b",
            ["Processing:BatchSize"] = "50",
            ["Processing:DelayPerBatch"] = "00:00:00.020",
            ["Processing:CrashShardOnFirstAttempt"] = "1",
        });
        var started = await StartAsync(space, datasetId, pipelineId, autoGenerate: true, host: second);
        started.GetProperty("errors").GetArrayLength().ShouldBe(0, started.ToString());
        var taskId = started.GetProperty("task").GetProperty("id").GetString()!;

        // Redeliver shard 0 once it is recorded, as a broker would after a worker died before acknowledging.
        await WaitAsync(space, taskId, t => t.GetProperty("shardsProcessed").GetInt32() >= 1 || t.GetProperty("status").GetString() != "RUNNING" && t.GetProperty("status").GetString() != "QUEUED");
        await using (var scope = platform.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IMessageBus>().PublishAsync(new ProcessShard(Guid.Parse(taskId), 0, 0));
        }

        var task = await WaitAsync(space, taskId, t => t.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED" or "STOPPED");

        var expected = ExpectedPoemOutput(poems + duplicates);
        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        task.GetProperty("recordsIn").GetInt64().ShouldBe(2040);
        task.GetProperty("recordsOut").GetInt64().ShouldBe(expected.Count);
        task.GetProperty("shardCount").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        task.GetProperty("stageCount").GetInt32().ShouldBe(2);
        var statistics = task.GetProperty("statistics").EnumerateArray().ToList();
        statistics[0].GetProperty("recordsIn").GetInt64().ShouldBe(2040);
        statistics[2].GetProperty("removed").GetInt64().ShouldBeGreaterThanOrEqualTo(40);
        task.GetProperty("deduplication")[0].GetProperty("duplicatesFound").GetInt32().ShouldBe((int)statistics[2].GetProperty("removed").GetInt64());
        task.GetProperty("samples").EnumerateArray().ShouldContain(s => s.GetProperty("kind").GetString() == "REMOVED" && s.GetProperty("reasonCode").GetString() == "DUPLICATE");

        await using var query = platform.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await query.Events.FetchStreamAsync(Guid.Parse(taskId));
        var recorded = events.Select(e => e.Data).OfType<ShardProcessed>().ToList();
        recorded.GroupBy(r => (r.Stage, r.Shard)).ShouldAllBe(g => g.Count() == 1);
        recorded.Count.ShouldBe(task.GetProperty("shardCount").GetInt32() * 2);
        recorded.Select(r => r.Worker).Distinct().Count().ShouldBe(2, string.Join(", ", recorded.Select(r => $"{r.Stage}/{r.Shard}@{r.Worker}#{r.Attempt}")));
        recorded.Where(r => r.Worker == "node-b" && r.Stage == 0 && r.Shard == 1).ShouldAllBe(r => r.Attempt >= 2);

        var processedId = task.GetProperty("processedDatasetId").GetString()!;
        var dataset = (await platform.GraphQL(space.AdminKey, """
            query($id: ID!) { dataset(id: $id) { status statistics { recordCount } preview(limit: 3) }
              datasetLineage(datasetId: $id) { sourceDatasetId processingTaskId pipelineId } }
            """, new { id = processedId })).Root.GetProperty("data");
        dataset.GetProperty("dataset").GetProperty("statistics").GetProperty("recordCount").GetInt64().ShouldBe(expected.Count);
        dataset.GetProperty("dataset").GetProperty("preview")[0].GetProperty("text").GetString().ShouldBe(expected[0]);
        dataset.GetProperty("datasetLineage").GetProperty("sourceDatasetId").GetString().ShouldBe(datasetId);
        dataset.GetProperty("datasetLineage").GetProperty("processingTaskId").GetString().ShouldBe(taskId);
        dataset.GetProperty("datasetLineage").GetProperty("pipelineId").GetString().ShouldBe(pipelineId);

        var created = (await query.Events.FetchStreamAsync(Guid.Parse(processedId))).First().Data.ShouldBeOfType<ProcessedDatasetCreated>();
        created.SourceDatasetId.ShouldBe(Guid.Parse(datasetId));
        created.ProcessingTaskId.ShouldBe(Guid.Parse(taskId));
        created.PipelineId.ShouldBe(Guid.Parse(pipelineId));
        var view = await query.LoadAsync<DatasetView>(Guid.Parse(processedId));
        view.ShouldNotBeNull();
        view.SourceDatasetId.ShouldBe(Guid.Parse(datasetId));
        view.SourceTaskId.ShouldBe(Guid.Parse(taskId));
        view.PipelineId.ShouldBe(Guid.Parse(pipelineId));

        // A processed dataset is an input like any other: the modality check runs, so its content was found.
        var imagePipeline = (await CreatePipelineAsync(space, "IMAGE")).GetProperty("pipeline").GetProperty("id").GetString()!;
        await AddStepAsync(space, imagePipeline, "image.decodability_filter", new { });
        var again = await StartAsync(space, processedId, imagePipeline, autoGenerate: false);
        again.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("PIPELINE_MODALITY_MISMATCH");
    }

    [Fact]
    public async Task removing_everything_succeeds_empty()
    {
        var emails = await File.ReadAllTextAsync(ImportFlowTests.FindSample("spam-assassin/emails.jsonl"));
        var space = await platform.CreateSpaceAsync();
        var datasetId = await ImportAsync(space, ("emails.jsonl", emails));
        var pipelineId = (await CreatePipelineAsync(space, "TEXT")).GetProperty("pipeline").GetProperty("id").GetString()!;
        await AddStepAsync(space, pipelineId, "text.pii_mask", new { });
        await AddStepAsync(space, pipelineId, "text.length_filter", new { minLength = 900000, maxLength = 1000000 });

        var started = await StartAsync(space, datasetId, pipelineId, autoGenerate: false);
        var taskId = started.GetProperty("task").GetProperty("id").GetString()!;
        var task = await WaitAsync(space, taskId, t => t.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED" or "STOPPED");

        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        task.GetProperty("emptyResult").GetBoolean().ShouldBeTrue();
        task.GetProperty("recordsOut").GetInt64().ShouldBe(0);
        task.GetProperty("recordsIn").GetInt64().ShouldBe(1000);
        task.GetProperty("statistics")[0].GetProperty("modified").GetInt64().ShouldBeGreaterThan(0);
        task.GetProperty("samples").EnumerateArray().ShouldContain(s => s.GetProperty("kind").GetString() == "CHANGED" && s.GetProperty("after").GetString()!.Contains("[EMAIL]"));
        task.GetProperty("processedDatasetId").ValueKind.ShouldBe(JsonValueKind.Null);

        const string generate = """
            mutation($input: GenerateProcessedDatasetInput!) { generateProcessedDataset(input: $input) {
              dataset { id name statistics { recordCount } } errors { code } } }
            """;
        var generated = (await platform.GraphQL(space.AdminKey, generate, new { input = new { taskId, output = new { name = "emails-empty" } } })).Data("generateProcessedDataset");
        var again = (await platform.GraphQL(space.AdminKey, generate, new { input = new { taskId } })).Data("generateProcessedDataset");

        generated.GetProperty("dataset").GetProperty("name").GetString().ShouldBe("emails-empty");
        generated.GetProperty("dataset").GetProperty("statistics").GetProperty("recordCount").GetInt64().ShouldBe(0);
        again.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("DATASET_ALREADY_GENERATED");
    }

    [Fact]
    public async Task image_pipeline_runs_sharded()
    {
        // The test host plans 100 records per shard, so 103 objects give two shards. The exact copies sit in
        // the second shard and their originals in the first, so only a global deduplication finds them.
        var objects = new List<(string Key, byte[] Content)>();
        for (var i = 0; i < 96; i++)
        {
            objects.Add(($"a-{i:D3}.png", ImageOperatorTests.Draw(96, 64, seed: i)));
        }

        var truncated = ImageOperatorTests.Draw(96, 64, seed: 500);
        objects.Add(("a-096.png", truncated[..(truncated.Length / 2)]));
        objects.Add(("a-097.png", ImageOperatorTests.Draw(40, 30, seed: 501)));
        objects.Add(("a-098.png", ImageOperatorTests.Draw(128, 32, seed: 502)));
        objects.Add(("a-099.jpg", ImageOperatorTests.Draw(80, 80, seed: 503, SKEncodedImageFormat.Jpeg, 85)));
        objects.Add(("z-copy-0.png", objects[0].Content));
        objects.Add(("z-copy-1.png", objects[1].Content));
        objects.Add(("z-copy-2.png", objects[50].Content));

        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync();
        foreach (var (key, content) in objects)
        {
            await platform.PutAsync(bucket, "img/" + key, content);
        }

        var importId = await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "img/" }, format: "MEDIA_FILES", modality: "IMAGE");
        var import = await platform.WaitForImportAsync(space.AdminKey, importId);
        import.GetProperty("status").GetString().ShouldBe("SUCCEEDED", import.ToString());
        var datasetId = import.GetProperty("datasetId").GetString()!;

        var pipelineId = (await CreatePipelineAsync(space, "IMAGE")).GetProperty("pipeline").GetProperty("id").GetString()!;
        (await AddStepAsync(space, pipelineId, "image.decodability_filter", new { })).GetProperty("errors").GetArrayLength().ShouldBe(0);
        (await AddStepAsync(space, pipelineId, "image.resolution_filter", new { minWidth = 64, minHeight = 48 })).GetProperty("errors").GetArrayLength().ShouldBe(0);
        (await AddStepAsync(space, pipelineId, "image.exact_dedup", new { })).GetProperty("errors").GetArrayLength().ShouldBe(0);

        var started = await StartAsync(space, datasetId, pipelineId, autoGenerate: true);
        started.GetProperty("errors").GetArrayLength().ShouldBe(0, started.ToString());
        var taskId = started.GetProperty("task").GetProperty("id").GetString()!;
        var task = await WaitAsync(space, taskId, t => t.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED" or "STOPPED");

        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        task.GetProperty("shardCount").GetInt32().ShouldBe(2);
        task.GetProperty("stageCount").GetInt32().ShouldBe(2);
        task.GetProperty("recordsIn").GetInt64().ShouldBe(103);
        task.GetProperty("recordsOut").GetInt64().ShouldBe(97);
        var statistics = task.GetProperty("statistics").EnumerateArray().ToList();
        statistics[0].GetProperty("removed").GetInt64().ShouldBe(1);
        statistics[1].GetProperty("removed").GetInt64().ShouldBe(2);
        statistics[2].GetProperty("removed").GetInt64().ShouldBe(3);
        task.GetProperty("deduplication")[0].GetProperty("duplicatesFound").GetInt32().ShouldBe(3);
        var samples = task.GetProperty("samples").EnumerateArray().ToList();
        samples.ShouldContain(s => s.GetProperty("reasonCode").GetString() == OutcomeCodes.ImageUndecodable && s.GetProperty("recordId").GetString()!.EndsWith("a-096.png"));
        samples.ShouldContain(s => s.GetProperty("reasonCode").GetString() == "DUPLICATE" && s.GetProperty("recordId").GetString()!.Contains("z-copy-"));

        var processedId = Guid.Parse(task.GetProperty("processedDatasetId").GetString()!);
        await using var query = platform.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var view = await query.LoadAsync<DatasetView>(processedId);
        view.ShouldNotBeNull();
        view.Format.ShouldBe(Domain.Datasets.FileFormat.MediaFiles);
        view.Statistics.RecordCount.ShouldBe(97);
        view.SourceDatasetId.ShouldBe(Guid.Parse(datasetId));
        DatasetManifest manifest;
        await using (var stream = await platform.Storage.OpenReadAsync(view.Location.Bucket, view.Location.ManifestKey, CancellationToken.None))
        {
            manifest = (await JsonSerializer.DeserializeAsync<DatasetManifest>(stream, ManifestJson.Options))!;
        }

        manifest.Objects.Count.ShouldBe(97);
        manifest.Objects.ShouldAllBe(o => !o.SourceKey.Contains("z-copy-") && !o.SourceKey.EndsWith("a-096.png") && !o.SourceKey.EndsWith("a-097.png") && !o.SourceKey.EndsWith("a-098.png"));
        var hashes = new HashSet<string>();
        foreach (var entry in manifest.Objects)
        {
            await using var stored = await platform.Storage.OpenReadAsync(view.Location.Bucket, entry.Key, CancellationToken.None);
            using var buffer = new MemoryStream();
            await stored.CopyToAsync(buffer);
            using var bitmap = SKBitmap.Decode(buffer.ToArray());
            bitmap.ShouldNotBeNull(entry.SourceKey);
            bitmap.Width.ShouldBeGreaterThanOrEqualTo(64, entry.SourceKey);
            bitmap.Height.ShouldBeGreaterThanOrEqualTo(48, entry.SourceKey);
            hashes.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(buffer.ToArray()))).ShouldBeTrue(entry.SourceKey);
        }

        // Space statistics come from the async daemon, so wait until it has seen the processed dataset.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement counters;
        do
        {
            await Task.Delay(200);
            counters = (await platform.GraphQL(space.AdminKey, "query($id: ID!) { space(id: $id) { statistics { datasetsImported processedDatasetsCreated processedRecords } } }",
                new { id = space.Id })).Data("space").GetProperty("statistics");
        }
        while (counters.GetProperty("processedDatasetsCreated").GetInt32() == 0 && DateTime.UtcNow < deadline);

        counters.GetProperty("processedDatasetsCreated").GetInt32().ShouldBe(1, counters.ToString());
        counters.GetProperty("processedRecords").GetInt64().ShouldBe(97);
        counters.GetProperty("datasetsImported").GetInt32().ShouldBe(1);
    }

    private static List<string> ExpectedPoemOutput(string jsonl)
    {
        var records = jsonl.Split('\n').Where(l => l.Length > 0)
            .Select((l, i) => new DataRecord(i.ToString(), JsonNode.Parse(l)!.AsObject())).ToList();
        IReadOnlyList<DataRecord> current = new NfkcNormalizer("text").Process(records).OutputRecords;
        current = new LengthFilter("text", 30, 100_000).Process(current).OutputRecords;
        current = new ExactTextDeduplicator("text", true, true, false).DeduplicateSingleBatch(current).OutputRecords;
        current = new WhitespaceCleaner("text", true, true, 2, true).Process(current).OutputRecords;
        return current.Select(r => r.Fields["text"]!.GetValue<string>()).ToList();
    }

    private async Task<string> ImportAsync(TestSpace space, params (string Key, string Content)[] objects)
    {
        var bucket = await platform.CreateBucketWithAsync(objects.Select(o => ("in/" + o.Key, o.Content)).ToArray());
        var taskId = await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "in/" });
        var task = await platform.WaitForImportAsync(space.AdminKey, taskId);
        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        return task.GetProperty("datasetId").GetString()!;
    }

    private async Task<JsonElement> CreatePipelineAsync(TestSpace space, string modality, string? templateId = null) =>
        (await platform.GraphQL(space.AdminKey, """
            mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { pipeline { id steps { id operatorId } } errors { code message field } } }
            """, new { input = new { spaceId = space.Id, name = PlatformHost.Unique("pipe"), modality, templateId } })).Data("createPipeline");

    private async Task<JsonElement> AddStepAsync(TestSpace space, string pipelineId, string operatorId, object parameters, string? language = null) =>
        (await platform.GraphQL(space.AdminKey, """
            mutation($input: AddPipelineStepInput!) { addPipelineStep(input: $input) { pipeline { id steps { id } } errors { code message field } } }
            """, new { input = new { pipelineId, operatorId, parameters } }, language)).Data("addPipelineStep");

    private async Task<JsonElement> ConfigureAsync(TestSpace space, string pipelineId, object resources) =>
        (await platform.GraphQL(space.AdminKey, """
            mutation($input: ConfigurePipelineResourcesInput!) { configurePipelineResources(input: $input) {
              pipeline { resources { numExecutors executorMemory custom { key value } } } errors { code message field } } }
            """, new { input = new { pipelineId, resources } })).Data("configurePipelineResources");

    private async Task<JsonElement> StartAsync(TestSpace space, string datasetId, string pipelineId, bool autoGenerate, IAlbaHost? host = null) =>
        (await PlatformHost.SendGraphQL(host ?? platform.Host, space.AdminKey, """
            mutation($input: StartProcessingTaskInput!) { startProcessingTask(input: $input) { task { id status } errors { code message field } } }
            """, new { input = new { spaceId = space.Id, datasetId, pipelineId, autoGenerateDataset = autoGenerate } })).Data("startProcessingTask");

    private async Task<JsonElement> WaitAsync(TestSpace space, string taskId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var response = await platform.GraphQL(space.AdminKey, $"query($id: ID!) {{ processingTask(id: $id) {{ {TaskFields} }} }}", new { id = taskId });
            var task = response.Data("processingTask");
            if (done(task))
            {
                return task;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Processing task {taskId} did not reach the expected state: {response.Raw}");
            }

            await Task.Delay(100);
        }
    }
}
