using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Npgsql;
using PanguGraph.Bench.Platform;
using PanguGraph.Bench.Reporting;
using PanguGraph.Compute.Storage;
using PanguGraph.Domain.Annotation;
using PanguGraph.Projections.Annotation;
using PanguGraph.Projections.Configuration;
using Weasel.Core;

namespace PanguGraph.Bench.Annotation;

/// <summary>
/// Runs 200 simulated annotators who fetch and submit their items through GraphQL (HTTP to the
/// in-process host) at the same time. Afterwards it checks, in the read models and in a replay of the
/// events, that every item was submitted exactly once. The baseline appends the same ItemAnnotated events with
/// plain Marten (no projections, listeners or Wolverine) at the same concurrency in the same run.
/// </summary>
public sealed class AnnotatorSubmitRate(BenchNode node)
{
    public const int Annotators = 200;
    public const int ItemsPerAnnotator = 5;
    public const int ItemCount = Annotators * ItemsPerAnnotator;

    private static readonly TimeSpan SubmitPhaseLimit = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromMinutes(2);

    /// <summary>Returns the result rows, or no rows when the run does not include this benchmark.</summary>
    public static async Task<IReadOnlyList<BenchResult>> RunIfSelectedAsync(BenchOptions options)
    {
        if (!options.Runs("annotation"))
        {
            return [];
        }

        // The worker imports the dataset and runs the completion job after the last submit.
        await using var workerNode = await BenchNode.StartAsync(workerEnabled: true);
        return [await new AnnotatorSubmitRate(workerNode).RunAsync()];
    }

    public async Task<BenchResult> RunAsync()
    {
        var (spaceId, adminKey) = await node.CreateSpaceAsync();
        var keys = await AddAnnotatorsAsync(spaceId);
        var datasetId = await ImportQuestionsAsync(adminKey, spaceId);
        var taskId = await CreateTaskAsync(adminKey, spaceId, datasetId, keys.Keys);
        Console.Error.WriteLine($"bench: annotation task {taskId} with {ItemCount} items for {Annotators} annotators is ready");

        var submitLatencies = new ConcurrentBag<double>();
        var nextLatencies = new ConcurrentBag<double>();
        var rejected = new ConcurrentBag<string>();
        using var limit = new CancellationTokenSource(SubmitPhaseLimit);
        var phase = Stopwatch.StartNew();
        var submitted = await Task.WhenAll(keys.Select(annotator =>
            AnnotateAsync(annotator.Key, annotator.Value, taskId, submitLatencies, nextLatencies, rejected, limit.Token)));
        var phaseSeconds = phase.Elapsed.TotalSeconds;
        var submits = submitted.Sum();
        Console.Error.WriteLine($"bench: {submits} submits in {phaseSeconds:0.00} s, {rejected.Count} rejected");

        var check = await VerifyAsync(adminKey, taskId, submits, rejected.Count);
        var (appendSeconds, appended) = await AppendSameEventsAsync(taskId);
        Console.Error.WriteLine($"bench: plain Marten appended {appended} ItemAnnotated events in {appendSeconds:0.00} s");

        var submitRate = submits / phaseSeconds;
        var appendRate = appended / appendSeconds;
        var sorted = submitLatencies.Order().ToArray();
        var nextSorted = nextLatencies.Order().ToArray();
        return new BenchResult(
            $"Annotation submits, {Annotators} annotators over GraphQL",
            $"{ResultTable.FormatNumber(submitRate)} submits/s",
            $"{ResultTable.FormatNumber(appendRate)} events/s",
            ResultTable.FormatRatio(submitRate, appendRate),
            $"{submits:N0} submits ({ItemsPerAnnotator} per annotator, each after a nextAnnotationItem query) in {phaseSeconds:0.0} s; " +
            $"submit latency p50 {Percentile(sorted, 0.50):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms; " +
            $"next-item latency p50 {Percentile(nextSorted, 0.50):0.0} ms, p99 {Percentile(nextSorted, 0.99):0.0} ms; " +
            $"baseline: the same events appended with plain Marten, {Annotators} concurrent writers, 1 per session; {check}");
    }

    private async Task<Dictionary<string, string>> AddAnnotatorsAsync(Guid spaceId)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var userIds = Enumerable.Range(0, Annotators).Select(i => $"bench-ann-{suffix}-{i:D3}").ToList();

        // Members are added one by one because every addition appends to the one space stream.
        foreach (var userId in userIds)
        {
            var added = await node.GraphQLAsync(BenchNode.AdminKey, """
                mutation($input: AddMemberInput!) { addMember(input: $input) { errors { code message } } }
                """, new { input = new { spaceId, userId, role = "ANNOTATOR" } });
            RequireNoErrors(added, "addMember");
        }

        // Keys go to separate user streams, so they are issued a few at a time.
        var keys = new ConcurrentDictionary<string, string>();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(userIds.Select(async userId =>
        {
            await gate.WaitAsync();
            try
            {
                var issued = await node.GraphQLAsync(BenchNode.AdminKey, """
                    mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { apiKey errors { code message } } }
                    """, new { input = new { userId, label = "benchmark" } });
                keys[userId] = RequireNoErrors(issued, "issueApiKey").GetProperty("apiKey").GetString()!;
            }
            finally
            {
                gate.Release();
            }
        }));
        return new Dictionary<string, string>(keys);
    }

    private async Task<Guid> ImportQuestionsAsync(string adminKey, Guid spaceId)
    {
        var storage = node.Services.GetRequiredService<IObjectStorage>();
        var bucket = $"bench-ann-{Guid.NewGuid():N}"[..24];
        var lines = new StringBuilder();
        for (var i = 0; i < ItemCount; i++)
        {
            lines.Append(JsonSerializer.Serialize(new { question = $"问题 {i}：水的沸点是多少？", answer = $"草稿 {i}" })).Append('\n');
        }

        await storage.EnsureBucketAsync(bucket, CancellationToken.None);
        await using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString())))
        {
            await storage.UploadAsync(bucket, "questions/part-0.jsonl", stream, "application/x-ndjson", CancellationToken.None);
        }

        var importTaskId = await node.CreateImportTaskAsync(adminKey, spaceId, bucket, "questions/");
        var task = await WaitForAsync(async () =>
        {
            var data = await node.GraphQLAsync(adminKey, "query($id: ID!) { importTask(id: $id) { status datasetId recordsImported } }", new { id = importTaskId });
            var importTask = data.GetProperty("importTask");
            return importTask.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED" ? importTask : (JsonElement?)null;
        }, $"import {importTaskId}");
        if (task.GetProperty("status").GetString() != "SUCCEEDED" || task.GetProperty("recordsImported").GetInt64() != ItemCount)
        {
            throw new InvalidOperationException($"Import {importTaskId} did not import {ItemCount} records: {task}");
        }

        return Guid.Parse(task.GetProperty("datasetId").GetString()!);
    }

    private async Task<Guid> CreateTaskAsync(string adminKey, Guid spaceId, Guid datasetId, IEnumerable<string> annotators)
    {
        var data = await node.GraphQLAsync(adminKey, """
            mutation($input: CreateAnnotationTaskInput!) { createAnnotationTask(input: $input) { task { id } errors { code message field } } }
            """, new
        {
            input = new
            {
                spaceId, datasetId, name = $"bench-{Guid.NewGuid():N}"[..20], kind = "TEXT_SINGLE_TURN_QA",
                annotators = annotators.Select(userId => new { userId, count = ItemsPerAnnotator }).ToArray(),
            },
        });
        return Guid.Parse(RequireNoErrors(data, "createAnnotationTask").GetProperty("task").GetProperty("id").GetString()!);
    }

    /// <summary>
    /// Runs one annotator: fetch the next item, submit it with the version that was read, until no item is left.
    /// Returns the number of accepted submits. Rejected submits are recorded with their error code.
    /// </summary>
    private async Task<int> AnnotateAsync(
        string userId, string apiKey, Guid taskId, ConcurrentBag<double> submitLatencies, ConcurrentBag<double> nextLatencies,
        ConcurrentBag<string> rejected, CancellationToken cancellationToken)
    {
        var accepted = 0;

        // One spare attempt per item bounds the loop if submits keep failing.
        for (var attempt = 0; attempt < ItemsPerAnnotator * 2 && !cancellationToken.IsCancellationRequested; attempt++)
        {
            var clock = Stopwatch.StartNew();
            var next = await node.GraphQLAsync(apiKey, """
                query($taskId: ID!) { nextAnnotationItem(taskId: $taskId) { id index version } }
                """, new { taskId });
            nextLatencies.Add(clock.Elapsed.TotalMilliseconds);
            var item = next.GetProperty("nextAnnotationItem");
            if (item.ValueKind == JsonValueKind.Null)
            {
                return accepted;
            }

            var index = item.GetProperty("index").GetInt32();
            var annotation = JsonSerializer.Serialize(new { question = $"问题 {index}：水的沸点是多少？", answer = $"标准大气压下 100 摄氏度（{userId}）" });
            clock.Restart();
            var result = await node.GraphQLAsync(apiKey, """
                mutation($input: SubmitAnnotationInput!) { submitAnnotation(input: $input) { item { stage } errors { code } } }
                """, new { input = new { itemId = item.GetProperty("id").GetString(), annotation, expectedVersion = item.GetProperty("version").GetInt64() } });
            submitLatencies.Add(clock.Elapsed.TotalMilliseconds);
            var errors = result.GetProperty("submitAnnotation").GetProperty("errors");
            if (errors.GetArrayLength() == 0)
            {
                accepted++;
            }
            else
            {
                rejected.Add($"{userId}: {errors[0].GetProperty("code").GetString()}");
            }
        }

        return accepted;
    }

    /// <summary>
    /// Checks the read models and a replay of every item stream: each item has exactly one ItemAnnotated
    /// event, the rebuilt views equal the stored ones, and the progress and completion counts match.
    /// Throws when anything was lost or duplicated; returns a summary for the results table.
    /// </summary>
    private async Task<string> VerifyAsync(string adminKey, Guid taskId, int submits, int rejectedCount)
    {
        Fail(submits != ItemCount || rejectedCount != 0, $"{submits} submits accepted and {rejectedCount} rejected; expected {ItemCount} and 0");

        var task = await WaitForAsync(async () =>
        {
            var data = await node.GraphQLAsync(adminKey, """
                query($id: ID!) { annotationTask(id: $id) { status outputDatasetId progress { total done submits unannotated completed } } }
                """, new { id = taskId });
            var current = data.GetProperty("annotationTask");
            var progress = current.GetProperty("progress");
            return current.GetProperty("status").GetString() == "COMPLETED" && progress.ValueKind == JsonValueKind.Object && progress.GetProperty("completed").GetBoolean()
                ? current
                : (JsonElement?)null;
        }, $"completion of task {taskId}");
        var counts = task.GetProperty("progress");
        Fail(counts.GetProperty("done").GetInt32() != ItemCount || counts.GetProperty("submits").GetInt32() != ItemCount || counts.GetProperty("unannotated").GetInt32() != 0,
            $"progress view does not count {ItemCount} done items: {counts}");
        var output = await node.GraphQLAsync(adminKey, "query($id: ID!) { dataset(id: $id) { statistics { recordCount } sourceTaskId } }",
            new { id = task.GetProperty("outputDatasetId").GetString() });
        Fail(output.GetProperty("dataset").GetProperty("statistics").GetProperty("recordCount").GetInt64() != ItemCount,
            $"annotated dataset does not contain {ItemCount} records: {output}");

        var store = node.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.QuerySession();
        var views = await session.Query<AnnotationItemView>().Where(i => i.TaskId == taskId).ToListAsync();
        Fail(views.Count != ItemCount || views.Select(v => v.Index).Distinct().Count() != ItemCount || views.Any(v => v.Stage != ItemStage.Done),
            $"item views: {views.Count} views, {views.Select(v => v.Index).Distinct().Count()} distinct indexes, {views.Count(v => v.Stage == ItemStage.Done)} done");

        var projection = new AnnotationItemViewProjection();
        var annotatedEvents = 0;
        foreach (var view in views)
        {
            var events = await session.Events.FetchStreamAsync(view.Id);
            var annotated = events.Count(e => e.Data is ItemAnnotated);
            Fail(annotated != 1, $"item {view.Index} has {annotated} ItemAnnotated events");
            annotatedEvents += annotated;
            AnnotationItemView? rebuilt = null;
            foreach (var e in events)
            {
                rebuilt = projection.Evolve(rebuilt, view.Id, e);
            }

            Fail(JsonSerializer.Serialize(rebuilt) != JsonSerializer.Serialize(view), $"replayed view of item {view.Index} differs from the stored view");
        }

        return $"verified: {ItemCount} item views done, {annotatedEvents} ItemAnnotated events (one per item) in the replay, replayed views equal stored ones, " +
               $"progress done={counts.GetProperty("done").GetInt32()}, annotated dataset {ItemCount} records";
    }

    /// <summary>
    /// Appends copies of the run's ItemAnnotated events with plain Marten into a separate schema. Each copy goes
    /// to a new stream that already contains the item's ItemQueued event (written untimed first), at expected
    /// version 2, one event per session, from as many concurrent writers as there were annotators.
    /// </summary>
    private async Task<(double Seconds, int Appended)> AppendSameEventsAsync(Guid taskId)
    {
        var platformStore = node.Services.GetRequiredService<IDocumentStore>();
        var pairs = new List<(ItemQueued Queued, ItemAnnotated Annotated)>();
        await using (var query = platformStore.QuerySession())
        {
            var ids = await query.Query<AnnotationItemView>().Where(i => i.TaskId == taskId).Select(i => i.Id).ToListAsync();
            foreach (var id in ids)
            {
                var events = await query.Events.FetchStreamAsync(id);
                pairs.Add((events.Select(e => e.Data).OfType<ItemQueued>().Single(), events.Select(e => e.Data).OfType<ItemAnnotated>().Single()));
            }
        }

        using var plain = new DocumentStore(PlainOptions(node.Services.GetRequiredService<NpgsqlDataSource>()));
        await plain.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var streams = pairs.Select(p => (StreamId: Guid.CreateVersion7(), p.Queued, p.Annotated)).ToList();
        foreach (var chunk in streams.Chunk(200))
        {
            await using var setup = plain.LightweightSession();
            foreach (var (streamId, queued, _) in chunk)
            {
                setup.Events.StartStream(streamId, queued with { ItemId = streamId });
            }

            await setup.SaveChangesAsync();
        }

        var work = new ConcurrentQueue<(Guid StreamId, ItemQueued Queued, ItemAnnotated Annotated)>(streams);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Annotators).Select(async _ =>
        {
            while (work.TryDequeue(out var next))
            {
                await using var session = plain.LightweightSession();
                session.Events.Append(next.StreamId, 2, next.Annotated with { ItemId = next.StreamId });
                await session.SaveChangesAsync();
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;

        await using var check = plain.QuerySession();
        var streamIds = streams.Select(s => s.StreamId).ToArray();
        var stored = await check.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(streamIds) && e.EventTypeName == "annotation_item_annotated").CountAsync();
        Fail(stored != streams.Count, $"plain Marten stored {stored} of {streams.Count} appended events");
        return (seconds, streams.Count);
    }

    /// <summary>
    /// Returns the platform's serializer and event settings, without projections or session listeners, in the schema bench_events.
    /// </summary>
    private static StoreOptions PlainOptions(NpgsqlDataSource dataSource)
    {
        var options = new StoreOptions();
        options.Connection(dataSource);
        options.DatabaseSchemaName = "bench_events";
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, json => json.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb));
        options.Events.AppendMode = EventAppendMode.Quick;
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        EventTypes.Register(options.Events);
        options.AutoCreateSchemaObjects = JasperFx.AutoCreate.CreateOrUpdate;
        return options;
    }

    private static async Task<JsonElement> WaitForAsync(Func<Task<JsonElement?>> poll, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await poll() is { } done)
            {
                return done;
            }

            if (clock.Elapsed > WaitLimit)
            {
                throw new TimeoutException($"Timed out after {WaitLimit.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(200);
        }
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    private static void Fail(bool failed, string message)
    {
        if (failed)
        {
            throw new InvalidOperationException($"Annotation benchmark check failed: {message}");
        }
    }

    private static JsonElement RequireNoErrors(JsonElement data, string field)
    {
        var payload = data.GetProperty(field);
        if (payload.GetProperty("errors").GetArrayLength() > 0)
        {
            throw new InvalidOperationException($"{field} was rejected: {payload}");
        }

        return payload;
    }
}
