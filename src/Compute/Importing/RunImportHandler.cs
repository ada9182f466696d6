using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using PanguGraph.Compute.Importing.Formats;
using PanguGraph.Compute.Storage;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Importing;
using PanguGraph.Projections.Audit;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace PanguGraph.Compute.Importing;

/// <summary>
/// Runs an import job: streams the source objects from S3, validates every record, writes a
/// normalised copy and a manifest to the platform bucket, and reports throttled progress. Success
/// appends ImportSucceeded and starts the dataset's stream in one transaction. A failure appends
/// ImportFailed and removes the partial copy, so no dataset stream exists for a failed import.
/// </summary>
/// <remarks>
/// A redelivered message (after a worker crash) starts a new attempt from the first object. Output
/// keys are fixed per object and earlier output is deleted first, so nothing is counted twice.
/// </remarks>
public sealed class RunImportHandler(
    IDocumentStore store,
    IObjectStorage storage,
    IOptions<ImportOptions> importOptions,
    IOptions<StorageOptions> storageOptions,
    IClock clock,
    IHostApplicationLifetime lifetime,
    ILogger<RunImportHandler> logger)
{
    public const string SystemActor = "system";

    private readonly ImportOptions options = importOptions.Value;
    private readonly string platformBucket = storageOptions.Value.PlatformBucket;

    /// <summary>
    /// Wolverine calls this once when it builds the handler: unexpected errors are retried after a
    /// cooldown, and the handler itself fails the task on the last attempt (see MaxAttempts).
    /// </summary>
    public static void Configure(HandlerChain chain) =>
        chain.OnAnyException().RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

    public async Task Handle(RunImport message, Envelope envelope, CancellationToken messageCancellation)
    {
        // A node that shuts down abandons the attempt at once instead of finishing a long import:
        // the message stays on the durable queue and another node starts a new attempt.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(messageCancellation, lifetime.ApplicationStopping);
        var cancellationToken = linked.Token;
        ImportTask? task;
        await using (var query = store.QuerySession())
        {
            task = await query.Events.AggregateStreamAsync<ImportTask>(message.TaskId, token: cancellationToken);
        }

        if (task is null)
        {
            logger.LogWarning("Import job for unknown task {TaskId} ignored", message.TaskId);
            return;
        }

        if (task.IsFinished)
        {
            logger.LogInformation("Import job for finished task {TaskId} ignored (status {Status})", task.Id, task.Status);
            return;
        }

        var run = new ImportRun(task, envelope.CorrelationId);
        try
        {
            var objects = await ResolveSourceAsync(task.Request, cancellationToken);
            await StartAsync(run, objects, cancellationToken);
            logger.LogInformation(
                "Import {TaskId} attempt {Attempt} started: {ObjectCount} objects, {TotalBytes} bytes from bucket {Bucket}",
                task.Id, run.Attempt, objects.Count, objects.Sum(o => o.Size), task.Request.Source.Bucket);

            await storage.EnsureBucketAsync(platformBucket, cancellationToken);
            await storage.DeletePrefixAsync(platformBucket, run.OutputPrefix, cancellationToken);
            var entries = new List<ManifestEntry>();
            for (var index = 0; index < objects.Count; index++)
            {
                entries.Add(await ImportObjectAsync(run, index, objects[index], cancellationToken));
                run.ObjectsDone = index + 1;
                await ReportProgressAsync(run, force: false, cancellationToken);
            }

            await SucceedAsync(run, objects, entries, cancellationToken);
        }
        catch (ImportRejectedException rejected)
        {
            await FailAsync(run, rejected.Code, rejected.MessageEn, rejected.MessageZh, rejected.ObjectKey, rejected.Line, cancellationToken);
        }
        catch (RecordFormatException invalid)
        {
            await FailAsync(run, invalid.Code, invalid.MessageEn, invalid.MessageZh, invalid.ObjectKey, invalid.Line, cancellationToken);
        }
        catch (StorageException storageError)
        {
            await FailAsync(run, storageError.Code, storageError.MessageEn, storageError.MessageZh, null, null, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (envelope.Attempts < options.MaxAttempts)
            {
                logger.LogWarning(exception, "Import {TaskId} attempt {Attempt} hit an error; the job will be retried", task.Id, run.Attempt);
                throw;
            }

            logger.LogError(exception, "Import {TaskId} failed after {Attempts} attempts", task.Id, envelope.Attempts);
            await FailAsync(
                run,
                "IMPORT_FAILED",
                $"The import failed after {envelope.Attempts} attempts: {exception.GetType().Name}. Check that object storage is reachable, then create the task again.",
                $"导入在尝试 {envelope.Attempts} 次后失败：{exception.GetType().Name}。请确认对象存储可访问后重新创建任务。",
                null,
                null,
                cancellationToken);
        }
    }

    private async Task<IReadOnlyList<StoredObject>> ResolveSourceAsync(ImportTaskCreated request, CancellationToken cancellationToken)
    {
        var source = request.Source;
        if (!await storage.BucketExistsAsync(source.Bucket, cancellationToken))
        {
            throw new StorageBucketNotFoundException(source.Bucket);
        }

        var objects = new List<StoredObject>();
        if (source.Keys.Count > 0)
        {
            foreach (var key in source.Keys)
            {
                var head = await storage.HeadAsync(source.Bucket, key, cancellationToken)
                           ?? throw new StorageObjectNotFoundException(source.Bucket, key);
                objects.Add(head);
            }
        }
        else
        {
            await foreach (var item in storage.ListAsync(source.Bucket, source.Prefix ?? "", cancellationToken))
            {
                // Zero-byte keys ending in '/' are folder markers that consoles create, not data.
                if (!(item.Key.EndsWith('/') && item.Size == 0))
                {
                    objects.Add(item);
                }
            }
        }

        if (objects.Count == 0)
        {
            throw new ImportRejectedException(
                "SOURCE_EMPTY",
                $"No objects were found under prefix '{source.Prefix}' in bucket '{source.Bucket}'. Check the prefix, or upload the data first.",
                $"桶“{source.Bucket}”中前缀“{source.Prefix}”下没有任何对象。请检查前缀，或先上传数据。");
        }

        if (objects.All(o => o.Size == 0))
        {
            throw new ImportRejectedException(
                "SOURCE_EMPTY",
                $"Every source object in bucket '{source.Bucket}' is empty (0 bytes). Upload files with content.",
                $"桶“{source.Bucket}”中的源对象全部为空（0 字节）。请上传有内容的文件。");
        }

        return objects;
    }

    private async Task StartAsync(ImportRun run, IReadOnlyList<StoredObject> objects, CancellationToken cancellationToken)
    {
        await using var session = OpenSession(run);
        var stream = await session.Events.FetchForWriting<ImportTask>(run.Task.Id, cancellationToken);
        var decision = stream.Aggregate!.Start(objects.Count, objects.Sum(o => o.Size), Environment.MachineName, clock.GetCurrentInstant());
        var started = decision.Events.OfType<ImportStarted>().Single();
        stream.AppendOne(started);
        await session.SaveChangesAsync(cancellationToken);

        run.Attempt = started.Attempt;
        run.Started = true;
        run.Version = stream.CurrentVersion ?? 0;
        run.LastProgressAt = clock.GetCurrentInstant();
    }

    private async Task<ManifestEntry> ImportObjectAsync(ImportRun run, int index, StoredObject source, CancellationToken cancellationToken)
    {
        var request = run.Task.Request;
        if (request.Format == FileFormat.MediaFiles)
        {
            return await CopyMediaFileAsync(run, index, source, cancellationToken);
        }

        var reader = RecordReaderFactory.For(ToDataFormat(request.Format));
        var limits = new RecordReaderLimits(options.MaxRecordBytes);
        var targetKey = $"{run.OutputPrefix}data/part-{index:D5}.jsonl";
        var pipe = new Pipe();
        var upload = storage.UploadAsync(platformBucket, targetKey, pipe.Reader.AsStream(), "application/x-ndjson", cancellationToken);
        long records = 0;
        var bytesBefore = run.BytesRead;
        try
        {
            await using var counting = new CountingStream(await storage.OpenReadAsync(request.Source.Bucket, source.Key, cancellationToken));
            await foreach (var record in reader.ReadAsync(counting, source.Key, limits, cancellationToken))
            {
                pipe.Writer.Write(JsonSerializer.SerializeToUtf8Bytes(record.Value));
                pipe.Writer.Write("\n"u8);
                if (pipe.Writer.UnflushedBytes > 64 * 1024)
                {
                    await pipe.Writer.FlushAsync(cancellationToken);
                }

                records++;
                run.RecordsImported++;
                run.BytesRead = bytesBefore + counting.BytesRead;
                if (options.DelayPerRecord > TimeSpan.Zero)
                {
                    await Task.Delay(options.DelayPerRecord, cancellationToken);
                }

                await ReportProgressAsync(run, force: false, cancellationToken);
            }
        }
        catch (Exception exception)
        {
            await pipe.Writer.CompleteAsync(exception);
            await Task.WhenAny(upload);
            throw;
        }

        await pipe.Writer.CompleteAsync();
        await upload;
        run.BytesRead = bytesBefore + source.Size;
        return new ManifestEntry(targetKey, source.Key, records, source.Size, "application/x-ndjson");
    }

    private async Task<ManifestEntry> CopyMediaFileAsync(ImportRun run, int index, StoredObject source, CancellationToken cancellationToken)
    {
        var request = run.Task.Request;
        if (source.Size > options.MaxMediaFileBytes)
        {
            throw new ImportRejectedException(
                "RECORD_TOO_LARGE",
                $"Object '{source.Key}' is {source.Size} bytes, more than the limit of {options.MaxMediaFileBytes} bytes per media file. Split or compress it.",
                $"对象“{source.Key}”大小为 {source.Size} 字节，超过单个媒体文件 {options.MaxMediaFileBytes} 字节的上限。请拆分或压缩。",
                source.Key);
        }

        var kind = request.Modality switch
        {
            Modality.Image => MediaKind.Image,
            Modality.Audio => MediaKind.Audio,
            _ => MediaKind.Video,
        };

        var head = new byte[MediaFileInspector.HeadBytes];
        int headLength;
        await using (var headStream = await storage.OpenReadAsync(request.Source.Bucket, source.Key, cancellationToken))
        {
            headLength = await headStream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        var probe = MediaFileInspector.Inspect(head.AsSpan(0, headLength), source.Key, kind);
        if (probe.Error is not null)
        {
            throw probe.Error;
        }

        var mediaType = probe.MediaType ?? "application/octet-stream";
        var fileName = Path.GetFileName(source.Key);
        var targetKey = $"{run.OutputPrefix}data/{index:D5}-{fileName}";
        await using (var content = await storage.OpenReadAsync(request.Source.Bucket, source.Key, cancellationToken))
        {
            await storage.UploadAsync(platformBucket, targetKey, content, mediaType, cancellationToken);
        }

        run.RecordsImported++;
        run.BytesRead += source.Size;
        return new ManifestEntry(targetKey, source.Key, 1, source.Size, mediaType);
    }

    private async Task ReportProgressAsync(ImportRun run, bool force, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        if (!force && now - run.LastProgressAt < Duration.FromTimeSpan(options.ProgressInterval))
        {
            return;
        }

        run.LastProgressAt = now;
        await using var session = OpenSession(run);
        var progressed = new ImportProgressed(run.Task.Id, run.Attempt, run.ObjectsDone, run.RecordsImported, run.BytesRead, now);
        session.Events.Append(run.Task.Id, run.Version + 1, progressed);
        await session.SaveChangesAsync(cancellationToken);
        run.Version++;
    }

    private async Task SucceedAsync(ImportRun run, IReadOnlyList<StoredObject> objects, List<ManifestEntry> entries, CancellationToken cancellationToken)
    {
        var request = run.Task.Request;
        var sourceBytes = objects.Sum(o => o.Size);
        var manifest = new DatasetManifest(request.DatasetId, 1, request.Modality, request.Format, run.RecordsImported, sourceBytes, entries);
        var manifestKey = run.OutputPrefix + DatasetManifest.FileName;
        await using (var manifestStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson.Options)))
        {
            await storage.UploadAsync(platformBucket, manifestKey, manifestStream, "application/json", cancellationToken);
        }

        var now = clock.GetCurrentInstant();
        await using var session = OpenSession(run);
        session.Events.Append(
            run.Task.Id,
            run.Version + 1,
            new ImportSucceeded(run.Task.Id, request.SpaceId, run.Attempt, request.DatasetId, run.RecordsImported, sourceBytes, objects.Count, now));
        session.Events.StartStream<Dataset>(
            request.DatasetId,
            new DatasetImported(
                request.DatasetId,
                request.SpaceId,
                request.TaskId,
                request.DatasetName,
                request.Description,
                request.Modality,
                request.Format,
                request.Visibility,
                request.ExtendedInfo,
                1,
                new DatasetStatistics(run.RecordsImported, sourceBytes, objects.Count),
                new StorageLocation(platformBucket, run.OutputPrefix, manifestKey),
                request.By,
                now));
        await session.SaveChangesAsync(cancellationToken);
        logger.LogInformation(
            "Import {TaskId} succeeded: dataset {DatasetId}, {Records} records, {Bytes} bytes",
            run.Task.Id, request.DatasetId, run.RecordsImported, sourceBytes);
    }

    private async Task FailAsync(ImportRun run, string code, string reasonEn, string reasonZh, string? objectKey, long? line, CancellationToken cancellationToken)
    {
        logger.LogWarning(
            "Import {TaskId} attempt {Attempt} failed with {Code} at {ObjectKey} line {Line}",
            run.Task.Id, run.Attempt, code, objectKey, line);
        try
        {
            await storage.DeletePrefixAsync(platformBucket, run.OutputPrefix, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Removing the partial copy of import {TaskId} under {Prefix} failed", run.Task.Id, run.OutputPrefix);
        }

        await using var session = OpenSession(run);
        var stream = await session.Events.FetchForWriting<ImportTask>(run.Task.Id, cancellationToken);
        if (stream.Aggregate?.IsFinished == true)
        {
            return;
        }

        // A source that is rejected before the attempt starts still counts as that attempt.
        var attempt = run.Started ? run.Attempt : run.Attempt + 1;
        stream.AppendOne(new ImportFailed(run.Task.Id, run.Task.SpaceId, attempt, code, reasonEn, reasonZh, objectKey, line, clock.GetCurrentInstant()));
        await session.SaveChangesAsync(cancellationToken);
    }

    private IDocumentSession OpenSession(ImportRun run)
    {
        var session = store.LightweightSession();
        session.StampActor(SystemActor, run.CorrelationId);
        return session;
    }

    private static DataFormat ToDataFormat(FileFormat format) => format switch
    {
        FileFormat.Jsonl => DataFormat.Jsonl,
        FileFormat.Json => DataFormat.Json,
        FileFormat.Csv => DataFormat.Csv,
        FileFormat.Parquet => DataFormat.Parquet,
        _ => DataFormat.MediaFile,
    };

    /// <summary>
    /// Mutable state of one attempt, owned by a single handler invocation.
    /// </summary>
    private sealed class ImportRun(ImportTask task, string? correlationId)
    {
        public ImportTask Task { get; } = task;
        public string? CorrelationId { get; } = correlationId;
        public string OutputPrefix { get; } = DatasetManifest.PrefixFor(task.SpaceId, task.DatasetId, 1);
        public int Attempt { get; set; } = task.Attempt;
        public bool Started { get; set; }
        public long Version { get; set; }
        public int ObjectsDone { get; set; }
        public long RecordsImported { get; set; }
        public long BytesRead { get; set; }
        public Instant LastProgressAt { get; set; }
    }
}

/// <summary>
/// A source that cannot be imported as given, with messages in English and Chinese.
/// </summary>
public sealed class ImportRejectedException(string code, string messageEn, string messageZh, string? objectKey = null, long? line = null)
    : Exception(messageEn)
{
    public string Code { get; } = code;
    public string MessageEn { get; } = messageEn;
    public string MessageZh { get; } = messageZh;
    public string? ObjectKey { get; } = objectKey;
    public long? Line { get; } = line;
}

public static class ManifestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
