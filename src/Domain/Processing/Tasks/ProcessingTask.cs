using System.Collections.Immutable;
using NodaTime;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Pipelines;
using PanguGraph.Domain.Spaces;

namespace PanguGraph.Domain.Processing.Tasks;

public enum ProcessingStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Stopped,
}

/// <summary>What the worker that recorded a shard must queue next.</summary>
public enum ShardFollowUp
{
    None,
    MergeStage,
    Finish,
}

/// <summary>
/// Write model of a processing task: its request, shard plan, which shards finished each stage,
/// and its outcome. Every shard result is recorded once per stage: a retried shard finds its
/// result already recorded and appends nothing.
/// </summary>
public sealed record ProcessingTask(
    Guid Id,
    Guid SpaceId,
    ProcessingTaskCreated Request,
    ProcessingStatus Status,
    IReadOnlyList<ShardSpec> Shards,
    int StageCount,
    int MaxConcurrentShards,
    int CurrentStage,
    ImmutableDictionary<(int Stage, int Shard), ShardProcessed> Processed,
    ImmutableHashSet<int> MergedStages,
    int NextShardToDispatch,
    bool StopRequested,
    ProcessingSucceeded? Result,
    Guid? GeneratedDatasetId)
{
    public bool IsFinished => Status is ProcessingStatus.Succeeded or ProcessingStatus.Failed or ProcessingStatus.Stopped;

    public static ProcessingTask? Evolve(ProcessingTask? state, object @event) => @event switch
    {
        ProcessingTaskCreated e => new ProcessingTask(
            e.TaskId, e.SpaceId, e, ProcessingStatus.Queued, [], StagePlan.For(e.Steps).StageCount, 1, 0,
            ImmutableDictionary<(int, int), ShardProcessed>.Empty, ImmutableHashSet<int>.Empty, 0, false, null, null),
        ProcessingPlanned e when state is not null => state with
        {
            Status = ProcessingStatus.Running, Shards = e.Shards, StageCount = e.StageCount, MaxConcurrentShards = e.MaxConcurrentShards,
        },
        ProcessingStageStarted e when state is not null => state with { CurrentStage = e.Stage, NextShardToDispatch = e.DispatchedShards },
        ShardProcessed e when state is not null => state with
        {
            Processed = state.Processed.SetItem((e.Stage, e.Shard), e),
            NextShardToDispatch = e.DispatchedShard is { } next ? next + 1 : state.NextShardToDispatch,
        },
        ProcessingStageMerged e when state is not null => state with { MergedStages = state.MergedStages.Add(e.Stage) },
        ProcessingStopRequested when state is not null => state with { StopRequested = true },
        ProcessingStopped when state is not null => state with { Status = ProcessingStatus.Stopped },
        ProcessingSucceeded e when state is not null => state with { Status = ProcessingStatus.Succeeded, Result = e },
        ProcessingFailed when state is not null => state with { Status = ProcessingStatus.Failed },
        ProcessedDatasetGenerated e when state is not null => state with { GeneratedDatasetId = e.DatasetId },
        _ => state,
    };

    public StagePlan Plan => StagePlan.For(Request.Steps);

    public bool IsShardRecorded(int stage, int shard) => Processed.ContainsKey((stage, shard));

    public int ShardsDone(int stage) => Processed.Keys.Count(key => key.Stage == stage);

    public IEnumerable<ShardProcessed> ResultsOf(int stage) =>
        Processed.Values.Where(result => result.Stage == stage).OrderBy(result => result.Shard);

    /// <summary>
    /// Opens a task. The dataset must belong to the same space and be available; the pipeline must
    /// process the dataset's modality, have steps and pass validation.
    /// </summary>
    public static Decision Open(StartProcessingTask command, Space space, Dataset? dataset, DatasetContent? datasetContent, bool datasetImporting, Pipeline? pipeline, long pipelineVersion, Instant now)
    {
        var error = space.Authorize(command.Caller, Permission.ManageDatasets);
        if (error is not null)
        {
            return error;
        }

        if (datasetImporting)
        {
            return new DomainError(
                "DATASET_IMPORTING",
                $"Dataset '{command.DatasetId}' is still being imported. Wait until its import succeeds, then start the task.",
                $"数据集“{command.DatasetId}”仍在导入中。请等待导入成功后再启动任务。",
                ["datasetId"]);
        }

        if (dataset is null || datasetContent is null || dataset.SpaceId != command.SpaceId || !Dataset.IsVisibleTo(dataset.Visibility, dataset.CreatedBy, space, command.Caller))
        {
            return Errors.NotFound("dataset", command.DatasetId).AtField("datasetId");
        }

        if (dataset.IsDeleted)
        {
            return new DomainError(
                "DATASET_NOT_AVAILABLE",
                $"Dataset '{dataset.Name}' was deleted and cannot be processed. Pick an available dataset.",
                $"数据集“{dataset.Name}”已删除，无法加工。请选择可用的数据集。",
                ["datasetId"]);
        }

        if (pipeline is null || pipeline.SpaceId != command.SpaceId || pipeline.IsDeleted)
        {
            return Errors.NotFound("pipeline", command.PipelineId).AtField("pipelineId");
        }

        if (pipeline.Modality != datasetContent.Modality)
        {
            return new DomainError(
                "PIPELINE_MODALITY_MISMATCH",
                $"Pipeline '{pipeline.Name}' processes {pipeline.Modality} data, but dataset '{dataset.Name}' holds {datasetContent.Modality} data. Pick a pipeline for {datasetContent.Modality}.",
                $"流水线“{pipeline.Name}”处理 {pipeline.Modality} 数据，而数据集“{dataset.Name}”为 {datasetContent.Modality} 数据。请选择适用于 {datasetContent.Modality} 的流水线。",
                ["pipelineId"]);
        }

        var pipelineError = PipelineRules.ValidateForRun(pipeline.Modality, pipeline.Steps, pipeline.Resources).FirstOrDefault();
        if (pipelineError is not null)
        {
            return pipelineError;
        }

        var output = ValidateOutput(command.Output, $"{dataset.Name}-processed");
        if (output.Error is not null)
        {
            return output.Error;
        }

        return Decision.Accept(new ProcessingTaskCreated(
            command.TaskId,
            command.SpaceId,
            dataset.Id,
            datasetContent.DatasetVersion,
            dataset.Name,
            datasetContent.Modality,
            datasetContent.Format,
            datasetContent.Location,
            pipeline.Id,
            pipelineVersion,
            pipeline.Name,
            pipeline.Steps,
            pipeline.Resources,
            new ProcessedDatasetRequest(command.AutoGenerateDataset, Guid.CreateVersion7(), output.Name!, output.Description, output.ExtendedInfo!),
            command.Caller.UserId,
            now));
    }

    /// <summary>Records the shard plan and queues the first shards of stage 0; nothing when already planned.</summary>
    public Decision Start(IReadOnlyList<ShardSpec> shards, long totalRecords, long maxShardBytes, string worker, Instant now)
    {
        if (Status != ProcessingStatus.Queued)
        {
            return Decision.Accept();
        }

        if (StopRequested)
        {
            return Decision.Accept(new ProcessingStopped(Id, SpaceId, 0, now));
        }

        var concurrent = Math.Max(1, Request.Resources.NumExecutors);
        return Decision.Accept(
            new ProcessingPlanned(Id, shards, StagePlan.For(Request.Steps).StageCount, totalRecords, concurrent, maxShardBytes, worker, now),
            new ProcessingStageStarted(Id, 0, Math.Min(concurrent, shards.Count), now));
    }

    /// <summary>
    /// Records a shard's result once. Returns no events when the shard was already recorded or the
    /// task has finished, and the follow-up the caller must queue when this was the stage's last shard.
    /// </summary>
    public (Decision Decision, ShardFollowUp FollowUp) RecordShard(ShardProcessed result)
    {
        if (IsFinished || result.Stage != CurrentStage || IsShardRecorded(result.Stage, result.Shard))
        {
            return (Decision.Accept(), ShardFollowUp.None);
        }

        if (StopRequested)
        {
            return (Decision.Accept(result with { DispatchedShard = null }, new ProcessingStopped(Id, SpaceId, Processed.Count + 1, result.At)), ShardFollowUp.None);
        }

        int? next = NextShardToDispatch < Shards.Count ? NextShardToDispatch : null;
        var recorded = result with { DispatchedShard = next };
        if (ShardsDone(result.Stage) + 1 < Shards.Count)
        {
            return (Decision.Accept(recorded), ShardFollowUp.None);
        }

        var followUp = Plan.SignedDeduplicator(result.Stage) is null ? ShardFollowUp.Finish : ShardFollowUp.MergeStage;
        return (Decision.Accept(recorded), followUp);
    }

    /// <summary>Records the merge of a stage's signatures and starts the next stage; nothing when already merged.</summary>
    public Decision CompleteMerge(int stage, int stepIndex, int duplicates, int candidatePairs, string decisionKey, Instant now)
    {
        if (IsFinished || MergedStages.Contains(stage) || stage != CurrentStage)
        {
            return Decision.Accept();
        }

        if (StopRequested)
        {
            return Decision.Accept(new ProcessingStopped(Id, SpaceId, Processed.Count, now));
        }

        return Decision.Accept(
            new ProcessingStageMerged(Id, stage, stepIndex, duplicates, candidatePairs, decisionKey, now),
            new ProcessingStageStarted(Id, stage + 1, Math.Min(MaxConcurrentShards, Shards.Count), now));
    }

    public Decision RequestStop(Space space, Caller caller, Instant now)
    {
        var error = space.Authorize(caller, Permission.ManageDatasets);
        if (error is not null)
        {
            return error;
        }

        if (IsFinished)
        {
            return new DomainError(
                "TASK_FINISHED",
                $"The processing task has already finished with status {ApiNames.Of(Status)}; there is nothing to stop.",
                $"加工任务已结束（状态：{ApiNames.Of(Status)}），无需停止。");
        }

        if (StopRequested)
        {
            return Decision.Accept();
        }

        // A queued task has no shard in flight that could observe the request, so it stops at once.
        return Status == ProcessingStatus.Queued
            ? Decision.Accept(new ProcessingStopRequested(Id, caller.UserId, now), new ProcessingStopped(Id, SpaceId, 0, now))
            : Decision.Accept(new ProcessingStopRequested(Id, caller.UserId, now));
    }

    /// <summary>Stops the task after a worker observed the stop request; nothing when it already finished.</summary>
    public Decision ConfirmStop(Instant now) =>
        IsFinished || !StopRequested ? Decision.Accept() : Decision.Accept(new ProcessingStopped(Id, SpaceId, Processed.Count, now));

    public Decision Fail(string code, string reasonEn, string reasonZh, Instant now) =>
        IsFinished ? Decision.Accept() : Decision.Accept(new ProcessingFailed(Id, SpaceId, code, reasonEn, reasonZh, now));

    /// <summary>
    /// Checks a request to create the processed dataset later. Returns the dataset settings to use,
    /// or the reason it cannot be created.
    /// </summary>
    public (ProcessedDatasetRequest? Output, DomainError? Error) PrepareGeneration(OutputDatasetSettings settings, Space space, Caller caller)
    {
        var error = space.Authorize(caller, Permission.ManageDatasets);
        if (error is not null)
        {
            return (null, error);
        }

        if (Status != ProcessingStatus.Succeeded || Result is null)
        {
            return (null, new DomainError(
                "TASK_NOT_SUCCEEDED",
                $"The processing task has status {ApiNames.Of(Status)}. A processed dataset can be generated only from a succeeded task.",
                $"加工任务当前状态为 {ApiNames.Of(Status)}，只有成功的任务才能生成加工后数据集。",
                ["taskId"]));
        }

        if (GeneratedDatasetId is not null)
        {
            return (null, new DomainError(
                "DATASET_ALREADY_GENERATED",
                $"This task already generated dataset '{GeneratedDatasetId}'. Use that dataset.",
                $"该任务已生成数据集“{GeneratedDatasetId}”，请直接使用该数据集。",
                ["taskId"]));
        }

        var output = ValidateOutput(settings, Request.Output.Name);
        return output.Error is not null
            ? (null, output.Error)
            : (Request.Output with { Name = output.Name!, Description = output.Description ?? Request.Output.Description, ExtendedInfo = output.ExtendedInfo! }, null);
    }

    private static (string? Name, string? Description, ExtendedInfo? ExtendedInfo, DomainError? Error) ValidateOutput(OutputDatasetSettings settings, string fallbackName)
    {
        var name = string.IsNullOrWhiteSpace(settings.Name) ? fallbackName : settings.Name.Trim();
        if (name.Length > Dataset.MaxNameLength)
        {
            name = string.IsNullOrWhiteSpace(settings.Name) ? name[..Dataset.MaxNameLength] : name;
        }

        var extendedInfo = settings.ExtendedInfo ?? ExtendedInfo.Empty;
        var error = Text.RequireName(name, "output.name", Dataset.MaxNameLength)
                    ?? Text.LimitLength(settings.Description, "output.description", Dataset.MaxDescriptionLength)
                    ?? extendedInfo.Validate();
        if (error is not null)
        {
            var field = error.Field ?? [];
            return (null, null, null, error.AtField(field.Count > 0 && field[0].StartsWith("output", StringComparison.Ordinal)
                ? ["output", .. field[0].Split('.').Skip(1), .. field.Skip(1)]
                : ["output", .. field]));
        }

        return (name, settings.Description, extendedInfo, null);
    }
}
