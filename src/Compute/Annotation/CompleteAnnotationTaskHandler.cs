using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using PanguGraph.Compute.Importing;
using PanguGraph.Compute.Storage;
using PanguGraph.Domain.Annotation;
using PanguGraph.Domain.Datasets;
using PanguGraph.Projections.Annotation;
using PanguGraph.Projections.Audit;
using PanguGraph.Projections.Datasets;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace PanguGraph.Compute.Annotation;

/// <summary>
/// Completes a task once every item is finished: writes the annotated dataset (JSONL with source,
/// annotation, annotator and reviewer per item) and its manifest to the platform bucket, then
/// appends the completion and starts the new dataset's stream in one transaction.
/// </summary>
/// <remarks>
/// Runs after the commit that finished an item, so it sees that item. Repeats do nothing once the
/// task is completed; two racing checks write the same objects and only one commit wins.
/// </remarks>
public sealed class CompleteAnnotationTaskHandler(
    IDocumentStore store, IObjectStorage storage, IOptions<StorageOptions> storageOptions, IClock clock, ILogger<CompleteAnnotationTaskHandler> logger)
{
    public const string SystemActor = "system";

    /// <summary>
    /// Retries a check whose append lost a race on the task stream: the next attempt either finds the
    /// task completed by the other writer and stops, or completes it on the new version.
    /// </summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnException<JasperFx.Events.EventStreamUnexpectedMaxEventIdException>()
            .RetryWithCooldown(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));

    public async Task Handle(CheckAnnotationTaskCompletion message, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        var task = await query.Events.AggregateStreamAsync<AnnotationTask>(message.TaskId, token: cancellationToken);
        if (task is null || task.IsCompleted)
        {
            return;
        }

        var finished = await query.Query<AnnotationItemView>().CountAsync(i => i.TaskId == task.Id && i.Stage == ItemStage.Done, cancellationToken);
        if (finished < task.Config.ItemCount)
        {
            return;
        }

        var items = await query.Query<AnnotationItemView>().Where(i => i.TaskId == task.Id).OrderBy(i => i.Index).ToListAsync(cancellationToken);
        var source = await query.LoadAsync<DatasetView>(task.Config.DatasetId, cancellationToken);
        var outputId = ItemIds.OutputDatasetFor(task.Id);
        var bucket = storageOptions.Value.PlatformBucket;
        var prefix = DatasetManifest.PrefixFor(task.SpaceId, outputId, 1);
        var dataKey = prefix + "data/part-00000.jsonl";
        var bytes = WriteJsonl(items);
        await storage.EnsureBucketAsync(bucket, cancellationToken);
        await using (var data = new MemoryStream(bytes))
        {
            await storage.UploadAsync(bucket, dataKey, data, "application/x-ndjson", cancellationToken);
        }

        var manifest = new DatasetManifest(outputId, 1, task.Config.Modality, FileFormat.Jsonl, items.Count, bytes.Length,
            [new ManifestEntry(dataKey, $"annotation-task/{task.Id}", items.Count, bytes.Length, "application/x-ndjson")]);
        var manifestKey = prefix + DatasetManifest.FileName;
        await using (var manifestStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson.Options)))
        {
            await storage.UploadAsync(bucket, manifestKey, manifestStream, "application/json", cancellationToken);
        }

        var now = clock.GetCurrentInstant();
        await using var session = store.LightweightSession();
        session.StampActor(SystemActor);
        var stream = await session.Events.FetchForWriting<AnnotationTask>(task.Id, cancellationToken);
        var decision = stream.Aggregate!.Complete(finished, outputId, SystemActor, now);
        if (decision.Events.Count == 0)
        {
            return;
        }

        stream.AppendMany(decision.Events.ToArray());
        var name = $"{task.Config.Name}-annotated";
        session.Events.StartStream<Dataset>(outputId, new AnnotatedDatasetCreated(
            outputId,
            task.SpaceId,
            task.Config.DatasetId,
            task.Id,
            name.Length > Dataset.MaxNameLength ? name[..Dataset.MaxNameLength] : name,
            task.Config.Modality,
            source?.Visibility ?? Visibility.Space,
            1,
            new DatasetStatistics(items.Count, bytes.Length, 1),
            new StorageLocation(bucket, prefix, manifestKey),
            task.Config.By,
            now));
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Annotation task {TaskId} completed: dataset {DatasetId} with {Items} items", task.Id, outputId, items.Count);
        }
        catch (Exception exception) when (exception is JasperFx.Events.ExistingStreamIdCollisionException || exception.GetType().Name == "ConcurrencyException")
        {
            logger.LogInformation("Annotation task {TaskId} was completed by a concurrent check", task.Id);
        }
    }

    private static byte[] WriteJsonl(IReadOnlyList<AnnotationItemView> items)
    {
        using var buffer = new MemoryStream();
        foreach (var item in items)
        {
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                writer.WriteStartObject();
                writer.WriteNumber("index", item.Index);
                writer.WritePropertyName("source");
                writer.WriteRawValue(item.Source);
                writer.WritePropertyName("annotation");
                writer.WriteRawValue(item.Annotation ?? "null");
                writer.WriteString("origin", item.Origin?.ToString());
                writer.WriteString("annotator", item.AnnotatedBy);
                writer.WriteString("reviewer", item.ReviewedBy);
                writer.WriteNumber("reworkRounds", item.ReworkRounds);
                writer.WriteEndObject();
            }

            buffer.Write("\n"u8);
        }

        return buffer.ToArray();
    }
}
