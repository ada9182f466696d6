using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using PanguGraph.Compute.Importing;
using PanguGraph.Compute.Processing.Operators;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Deduplication;
using PanguGraph.Compute.Storage;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Pipelines;
using PanguGraph.Domain.Processing.Tasks;
using PanguGraph.Projections.Audit;
using PanguGraph.Projections.Processing;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Runtime.Handlers;

namespace PanguGraph.Compute.Processing.Tasks;

/// <summary>
/// Runs processing jobs on worker nodes: planning, one shard through one stage, the merge of a
/// deduplication stage, and the finish. Every append to the task's stream states the version it
/// expects, so two workers recording at once cannot both succeed. The loser's message is retried
/// and then finds its result recorded. Messages that follow a recorded result (the next shard, the
/// merge, the finish) go out through Wolverine's outbox in the same transaction as the event.
/// </summary>
public sealed class ProcessingJobHandler(
    IDocumentStore store,
    ShardStorage shardStorage,
    IOptions<ProcessingOptions> processingOptions,
    IOptions<StorageOptions> storageOptions,
    IClock clock,
    ILogger<ProcessingJobHandler> logger)
{
    public const string SystemActor = "system";

    private readonly ProcessingOptions options = processingOptions.Value;
    private readonly string platformBucket = storageOptions.Value.PlatformBucket;

    /// <summary>
    /// Wolverine calls this once per handler chain. A concurrent append is retried quickly and other
    /// errors after a cooldown. On the last attempt the handler fails the task itself.
    /// </summary>
    public static void Configure(HandlerChain chain)
    {
        chain.OnException(IsConcurrencyConflict).RetryWithCooldown(
            TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200),
            TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800));
        chain.OnAnyException().RetryWithCooldown(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
    }

    public async Task<OutgoingMessages> Handle(PlanProcessingTask message, IDocumentSession session, Envelope envelope, CancellationToken cancellationToken)
    {
        var messages = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<ProcessingTask>(message.TaskId, cancellationToken);
        var task = stream.Aggregate;
        if (task is null || task.Status != ProcessingStatus.Queued)
        {
            return messages;
        }

        session.StampActor(SystemActor, envelope.CorrelationId);
        try
        {
            var manifest = await shardStorage.ReadManifestAsync(task.Request.Source, cancellationToken);
            var media = manifest.SourceFormat == FileFormat.MediaFiles;
            var shards = ShardPlanning.Plan(
                manifest.Objects.Select(o => new ShardPlanning.ObjectSize(o.RecordCount, o.SourceBytes)).ToList(),
                media,
                task.Request.Resources,
                Math.Max(1, options.RecordsPerShard));
            var decision = task.Start(shards, manifest.RecordCount, ShardPlanning.MaxShardBytes(task.Request.Resources), options.ResolveWorkerName(), clock.GetCurrentInstant());
            stream.AppendMany(decision.Events.ToArray());
            if (decision.Events.OfType<ProcessingStageStarted>().SingleOrDefault() is { } started)
            {
                for (var shard = 0; shard < started.DispatchedShards; shard++)
                {
                    messages.Add(new ProcessShard(task.Id, 0, shard));
                }

                if (shards.Count == 0)
                {
                    messages.Add(new FinishProcessingTask(task.Id));
                }

                logger.LogInformation(
                    "Processing {TaskId} planned: {Shards} shards, {Stages} stages, {Records} records, at most {Concurrent} shards at once",
                    task.Id, shards.Count, task.StageCount, manifest.RecordCount, started.DispatchedShards);
            }
        }
        catch (Exception exception) when (exception is StorageException or InvalidDataException or System.Text.Json.JsonException)
        {
            logger.LogError(exception, "Processing {TaskId} could not read the manifest of dataset {DatasetId}", task.Id, task.Request.DatasetId);
            stream.AppendMany(task.Fail(
                "SOURCE_UNREADABLE",
                $"The data of dataset '{task.Request.DatasetName}' could not be read ({exception.GetType().Name}). Check that object storage is reachable, then start the task again.",
                $"无法读取数据集“{task.Request.DatasetName}”的数据（{exception.GetType().Name}）。请确认对象存储可访问后重新启动任务。",
                clock.GetCurrentInstant()).Events.ToArray());
        }

        return messages;
    }

    public async Task<OutgoingMessages> Handle(ProcessShard message, IDocumentSession session, Envelope envelope, CancellationToken cancellationToken)
    {
        var messages = new OutgoingMessages();
        ProcessingTask? task;
        await using (var query = store.QuerySession())
        {
            task = await query.Events.AggregateStreamAsync<ProcessingTask>(message.TaskId, token: cancellationToken);
        }

        if (task is null || task.IsFinished || task.IsShardRecorded(message.Stage, message.Shard))
        {
            logger.LogInformation("Shard {Shard} of stage {Stage} of processing {TaskId} needs no work (already recorded or task finished)", message.Shard, message.Stage, message.TaskId);
            return messages;
        }

        session.StampActor(SystemActor, envelope.CorrelationId);
        try
        {
            var result = await shardStorage.TryReadJsonAsync<ShardProcessed>(platformBucket, ProcessingKeys.StageResult(task.SpaceId, task.Id, message.Stage, message.Shard), cancellationToken);
            if (result is null)
            {
                result = await RunShardAsync(task, message, envelope, cancellationToken);
                if (result is null)
                {
                    await ConfirmStopAsync(session, task.Id, clock.GetCurrentInstant(), cancellationToken);
                    return messages;
                }
            }
            else
            {
                logger.LogInformation("Shard {Shard} of stage {Stage} of processing {TaskId} was already run by attempt {Attempt}; recording its stored result", message.Shard, message.Stage, task.Id, result.Attempt);
            }

            if (options.CrashShardOnFirstAttempt == message.Shard && message.Stage == 0 && envelope.Attempts <= 1)
            {
                throw new SimulatedWorkerCrashException(task.Id, message.Shard);
            }

            await RecordShardAsync(session, result with { Attempt = envelope.Attempts }, messages, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !IsConcurrencyConflict(exception))
        {
            if (envelope.Attempts < options.MaxAttempts)
            {
                logger.LogWarning(exception, "Shard {Shard} of stage {Stage} of processing {TaskId} failed on attempt {Attempt}; it will be retried", message.Shard, message.Stage, task.Id, envelope.Attempts);
                throw;
            }

            logger.LogError(exception, "Shard {Shard} of stage {Stage} of processing {TaskId} failed after {Attempts} attempts", message.Shard, message.Stage, task.Id, envelope.Attempts);
            await FailAsync(session, task.Id,
                "SHARD_FAILED",
                $"Shard {message.Shard} failed after {envelope.Attempts} attempts: {exception.GetType().Name}. Check the worker logs, then start the task again.",
                $"分片 {message.Shard} 在尝试 {envelope.Attempts} 次后失败：{exception.GetType().Name}。请查看工作节点日志后重新启动任务。",
                cancellationToken);
        }

        return messages;
    }

    public async Task<OutgoingMessages> Handle(MergeStageSignatures message, IDocumentSession session, Envelope envelope, CancellationToken cancellationToken)
    {
        var messages = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<ProcessingTask>(message.TaskId, cancellationToken);
        var task = stream.Aggregate;
        if (task is null || task.IsFinished || task.MergedStages.Contains(message.Stage))
        {
            return messages;
        }

        session.StampActor(SystemActor, envelope.CorrelationId);
        var stepIndex = task.Plan.SignedDeduplicator(message.Stage)
                        ?? throw new InvalidOperationException($"Stage {message.Stage} of processing {task.Id} ends with no deduplication step.");
        var deduplicator = OperatorFactory.Create(PipelineRules.Resolve(task.Request.Steps[stepIndex])).Deduplicator!;
        var signatures = new List<ShardSignatures>();
        foreach (var result in task.ResultsOf(message.Stage))
        {
            signatures.Add(await shardStorage.TryReadJsonAsync<ShardSignatures>(platformBucket, result.SignaturesKey!, cancellationToken)
                           ?? throw new InvalidDataException($"Signatures '{result.SignaturesKey}' of processing {task.Id} are missing."));
        }

        var duplicateDecision = deduplicator.FindDuplicates(signatures);
        var decisionKey = ProcessingKeys.StageDecision(task.SpaceId, task.Id, message.Stage);
        await shardStorage.WriteJsonAsync(platformBucket, decisionKey, duplicateDecision, cancellationToken);

        var decision = task.CompleteMerge(message.Stage, stepIndex, duplicateDecision.Duplicates.Count, duplicateDecision.CandidatePairs, decisionKey, clock.GetCurrentInstant());
        stream.AppendMany(decision.Events.ToArray());
        if (decision.Events.OfType<ProcessingStageStarted>().SingleOrDefault() is { } started)
        {
            for (var shard = 0; shard < started.DispatchedShards; shard++)
            {
                messages.Add(new ProcessShard(task.Id, started.Stage, shard));
            }
        }

        logger.LogInformation(
            "Processing {TaskId} stage {Stage} merged: {Duplicates} duplicates among {Records} signed records ({Pairs} candidate pairs)",
            task.Id, message.Stage, duplicateDecision.Duplicates.Count, signatures.Sum(s => s.Signatures.Count), duplicateDecision.CandidatePairs);
        return messages;
    }

    public async Task Handle(FinishProcessingTask message, IDocumentSession session, Envelope envelope, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ProcessingTask>(message.TaskId, cancellationToken);
        var task = stream.Aggregate;
        if (task is null || task.IsFinished)
        {
            return;
        }

        session.StampActor(SystemActor, envelope.CorrelationId);
        var request = task.Request;
        var media = request.Format == FileFormat.MediaFiles;
        var lastStage = task.StageCount - 1;
        var results = task.ResultsOf(lastStage).ToList();
        var entries = new List<ManifestEntry>();
        foreach (var result in results)
        {
            if (media)
            {
                foreach (var record in await shardStorage.ReadStageAsync(platformBucket, result.OutputKey, media: false, cancellationToken))
                {
                    entries.Add(new ManifestEntry(
                        record.Fields["key"]!.GetValue<string>(), record.Fields["sourceKey"]!.GetValue<string>(), 1,
                        record.Fields["bytes"]!.GetValue<long>(), record.Fields["mediaType"]!.GetValue<string>()));
                }
            }
            else
            {
                entries.Add(new ManifestEntry(result.OutputKey, $"shard-{result.Shard:D5}", result.RecordsOut, result.OutputBytes, "application/x-ndjson"));
            }
        }

        var recordsIn = task.ResultsOf(0).Sum(r => r.RecordsIn);
        var recordsOut = results.Sum(r => r.RecordsOut);
        var bytes = entries.Sum(e => e.SourceBytes);
        var outputPrefix = ProcessingKeys.OutputPrefix(task.SpaceId, task.Id);
        var manifest = new DatasetManifest(request.Output.DatasetId, 1, request.Modality, media ? FileFormat.MediaFiles : FileFormat.Jsonl, recordsOut, bytes, entries);
        var manifestKey = outputPrefix + DatasetManifest.FileName;
        using (var buffer = new MemoryStream(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson.Options)))
        {
            await shardStorage.Backend.UploadAsync(platformBucket, manifestKey, buffer, "application/json", cancellationToken);
        }

        var now = clock.GetCurrentInstant();
        var succeeded = new ProcessingSucceeded(task.Id, task.SpaceId, recordsIn, recordsOut, recordsOut == 0,
            new StorageLocation(platformBucket, outputPrefix, manifestKey), bytes, entries.Count, now);
        stream.AppendOne(succeeded);
        if (request.Output.AutoGenerate)
        {
            var finished = ProcessingTask.Evolve(task, succeeded)!;
            stream.AppendOne(ProcessedDatasets.Generate(session, finished, request.Output, request.By, now));
        }

        if (recordsOut == 0)
        {
            logger.LogWarning("Processing {TaskId} succeeded with an empty result: the pipeline removed all {Records} records", task.Id, recordsIn);
        }
        else
        {
            logger.LogInformation("Processing {TaskId} succeeded: {RecordsIn} records in, {RecordsOut} out", task.Id, recordsIn, recordsOut);
        }
    }

    /// <summary>
    /// Runs one shard through the stage's steps and writes its output, signatures and result.
    /// Returns null when a stop request was observed between batches.
    /// </summary>
    private async Task<ShardProcessed?> RunShardAsync(ProcessingTask task, ProcessShard message, Envelope envelope, CancellationToken cancellationToken)
    {
        var request = task.Request;
        var plan = task.Plan;
        var media = request.Format == FileFormat.MediaFiles;
        var spec = task.Shards[message.Shard];
        var stage = message.Stage;
        var worker = options.ResolveWorkerName();

        List<DataRecord> records;
        if (stage == 0)
        {
            var manifest = await shardStorage.ReadManifestAsync(request.Source, cancellationToken);
            records = await shardStorage.ReadSourceAsync(request, manifest, spec, cancellationToken);
        }
        else
        {
            records = await shardStorage.ReadStageAsync(platformBucket, ProcessingKeys.StageRecords(task.SpaceId, task.Id, stage - 1, message.Shard), media, cancellationToken);
        }

        var recordsIn = records.Count;
        var tallies = new List<StepTally>();
        if (plan.AppliedDeduplicator(stage) is { } appliedStep)
        {
            var decision = await shardStorage.TryReadJsonAsync<DuplicateDecision>(platformBucket, ProcessingKeys.StageDecision(task.SpaceId, task.Id, stage - 1), cancellationToken)
                           ?? throw new InvalidDataException($"The duplicate decision of stage {stage - 1} of processing {task.Id} is missing.");
            var signatures = await shardStorage.TryReadJsonAsync<ShardSignatures>(platformBucket, ProcessingKeys.StageSignatures(task.SpaceId, task.Id, stage - 1, message.Shard), cancellationToken)
                             ?? throw new InvalidDataException($"The signatures of shard {message.Shard} of processing {task.Id} are missing.");
            var applied = decision.Apply(signatures, records);
            var tally = new StepTally(appliedStep, request.Steps[appliedStep].OperatorId, SampleTextField(request.Steps[appliedStep]));
            tally.Add(records, applied);
            tallies.Add(tally);
            records = applied.OutputRecords.ToList();
        }

        var operators = plan.RecordSteps(stage)
            .Select(index => (Index: index, Operator: OperatorFactory.Create(PipelineRules.Resolve(request.Steps[index])).RecordOperator!))
            .ToList();
        var stepTallies = operators.Select(o => new StepTally(o.Index, o.Operator.OperatorId, SampleTextField(request.Steps[o.Index]))).ToList();
        tallies.AddRange(stepTallies);

        var output = new List<DataRecord>(records.Count);
        var lastProgress = clock.GetCurrentInstant();
        var read = 0L;
        foreach (var batch in records.Chunk(Math.Max(1, options.BatchSize)))
        {
            if (await IsStopRequestedAsync(task.Id, cancellationToken))
            {
                logger.LogInformation("Shard {Shard} of stage {Stage} of processing {TaskId} observed a stop request after {Records} records", message.Shard, stage, task.Id, read);
                return null;
            }

            IReadOnlyList<DataRecord> current = batch;
            for (var i = 0; i < operators.Count && current.Count > 0; i++)
            {
                var result = operators[i].Operator.Process(current);
                stepTallies[i].Add(current, result);
                LogUnprocessable(task.Id, message.Shard, operators[i].Operator.OperatorId, result);
                current = result.OutputRecords;
            }

            output.AddRange(current);
            read += batch.Length;
            if (options.DelayPerBatch > TimeSpan.Zero)
            {
                await Task.Delay(options.DelayPerBatch, cancellationToken);
            }

            var now = clock.GetCurrentInstant();
            if (now - lastProgress >= Duration.FromTimeSpan(options.ProgressInterval))
            {
                lastProgress = now;
                await ReportProgressAsync(new ShardProgressed(task.Id, stage, message.Shard, read, now), cancellationToken);
            }
        }

        string? signaturesKey = null;
        if (plan.SignedDeduplicator(stage) is { } signedStep)
        {
            var deduplicator = OperatorFactory.Create(PipelineRules.Resolve(request.Steps[signedStep])).Deduplicator!;
            signaturesKey = ProcessingKeys.StageSignatures(task.SpaceId, task.Id, stage, message.Shard);
            await shardStorage.WriteJsonAsync(platformBucket, signaturesKey, deduplicator.ComputeSignatures(message.Shard, output), cancellationToken);
        }

        var final = stage == task.StageCount - 1;
        var outputKey = final && !media
            ? ProcessingKeys.OutputPart(task.SpaceId, task.Id, message.Shard)
            : ProcessingKeys.StageRecords(task.SpaceId, task.Id, stage, message.Shard);
        var outputBytes = await shardStorage.WriteRecordsAsync(platformBucket, outputKey, output, plain: final && !media, cancellationToken);

        var processed = new ShardProcessed(
            task.Id, stage, message.Shard, envelope.Attempts, recordsIn, output.Count,
            tallies.Select(t => t.ToCounts()).ToList(), tallies.SelectMany(t => t.Samples).ToList(),
            outputKey, outputBytes, signaturesKey, null, worker, clock.GetCurrentInstant());
        await shardStorage.WriteJsonAsync(platformBucket, ProcessingKeys.StageResult(task.SpaceId, task.Id, stage, message.Shard), processed, cancellationToken);
        logger.LogInformation(
            "Shard {Shard} of stage {Stage} of processing {TaskId} ran on {Worker} (attempt {Attempt}): {RecordsIn} records in, {RecordsOut} out",
            message.Shard, stage, task.Id, worker, envelope.Attempts, recordsIn, output.Count);
        return processed;
    }

    private async Task RecordShardAsync(IDocumentSession session, ShardProcessed result, OutgoingMessages messages, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ProcessingTask>(result.TaskId, cancellationToken);
        var (decision, followUp) = stream.Aggregate!.RecordShard(result with { At = clock.GetCurrentInstant() });
        if (decision.Events.Count == 0)
        {
            logger.LogInformation("Shard {Shard} of stage {Stage} of processing {TaskId} was already recorded; the repeat is not counted", result.Shard, result.Stage, result.TaskId);
            return;
        }

        stream.AppendMany(decision.Events.ToArray());
        if (decision.Events.OfType<ShardProcessed>().Single().DispatchedShard is { } next)
        {
            messages.Add(new ProcessShard(result.TaskId, result.Stage, next));
        }

        switch (followUp)
        {
            case ShardFollowUp.MergeStage:
                messages.Add(new MergeStageSignatures(result.TaskId, result.Stage));
                break;
            case ShardFollowUp.Finish:
                messages.Add(new FinishProcessingTask(result.TaskId));
                break;
        }
    }

    /// <summary>Returns the text field of a step, whose content the samples of removed records show, or null for steps without one.</summary>
    private static string? SampleTextField(PipelineStep step) => PipelineRules.Resolve(step).GetOptionalString("textField");

    private async Task<bool> IsStopRequestedAsync(Guid taskId, CancellationToken cancellationToken)
    {
        await using var query = store.QuerySession();
        var view = await query.LoadAsync<ProcessingTaskView>(taskId, cancellationToken);
        return view is null || view.StopRequested || view.Status != ProcessingStatus.Running;
    }

    /// <summary>Appends a progress event at the stream's current version, and skips it when another write came first.</summary>
    private async Task ReportProgressAsync(ShardProgressed progressed, CancellationToken cancellationToken)
    {
        try
        {
            await using var session = store.LightweightSession();
            session.StampActor(SystemActor);
            var state = await session.Events.FetchStreamStateAsync(progressed.TaskId, cancellationToken);
            if (state is null)
            {
                return;
            }

            session.Events.Append(progressed.TaskId, state.Version + 1, progressed);
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (IsConcurrencyConflict(exception))
        {
            logger.LogDebug("Progress of shard {Shard} of processing {TaskId} skipped after a concurrent write", progressed.Shard, progressed.TaskId);
        }
    }

    private static async Task ConfirmStopAsync(IDocumentSession session, Guid taskId, Instant now, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ProcessingTask>(taskId, cancellationToken);
        if (stream.Aggregate is not null)
        {
            stream.AppendMany(stream.Aggregate.ConfirmStop(now).Events.ToArray());
        }
    }

    private async Task FailAsync(IDocumentSession session, Guid taskId, string code, string reasonEn, string reasonZh, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ProcessingTask>(taskId, cancellationToken);
        if (stream.Aggregate is not null)
        {
            stream.AppendMany(stream.Aggregate.Fail(code, reasonEn, reasonZh, clock.GetCurrentInstant()).Events.ToArray());
        }
    }

    private void LogUnprocessable(Guid taskId, int shard, string operatorId, BatchResult result)
    {
        var unprocessable = result.Outcomes.Where(o => o.Disposition == RecordDisposition.Unprocessable).ToList();
        foreach (var outcome in unprocessable.Take(3))
        {
            logger.LogWarning("Operator {OperatorId} could not process record {RecordId} in shard {Shard} of processing {TaskId}: {Code} {Detail}",
                operatorId, outcome.RecordId, shard, taskId, outcome.Reason?.Code, outcome.Reason?.Detail);
        }

        if (unprocessable.Count > 3)
        {
            logger.LogWarning("Operator {OperatorId} could not process {Count} more records of a batch in shard {Shard} of processing {TaskId}",
                operatorId, unprocessable.Count - 3, shard, taskId);
        }
    }

    /// <summary>Marten raises these when another writer appended to the stream first.</summary>
    public static bool IsConcurrencyConflict(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            for (var type = current.GetType(); type is not null; type = type.BaseType)
            {
                if (type.Name is "ConcurrencyException" or "EventStreamUnexpectedMaxEventIdException" or "ExistingStreamIdCollisionException")
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>Thrown by the test hook <see cref="ProcessingOptions.CrashShardOnFirstAttempt"/>.</summary>
public sealed class SimulatedWorkerCrashException(Guid taskId, int shard)
    : Exception($"Simulated crash of the worker running shard {shard} of processing {taskId}.");
