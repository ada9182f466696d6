using JasperFx.Events;
using Marten.Events.Aggregation;
using NodaTime;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Pipelines;
using PanguGraph.Domain.Processing.Tasks;
using PanguGraph.Projections.Configuration;

namespace PanguGraph.Projections.Processing;

public sealed class ProcessingFailure
{
    public string Code { get; set; } = "";
    public string ReasonEn { get; set; } = "";
    public string ReasonZh { get; set; } = "";
}

public sealed class StageMerge
{
    public int Stage { get; set; }
    public int StepIndex { get; set; }
    public int DuplicatesFound { get; set; }
    public int CandidatePairs { get; set; }
}

/// <summary>
/// Read model of a processing task: plan, live progress, per-step statistics summed over shards,
/// samples of removed and changed records, and the outcome.
/// </summary>
public sealed class ProcessingTaskView
{
    public Guid Id { get; set; }
    public Guid SpaceId { get; set; }
    public Guid DatasetId { get; set; }
    public int DatasetVersion { get; set; }
    public string DatasetName { get; set; } = "";
    public Modality Modality { get; set; }
    public Guid PipelineId { get; set; }
    public long PipelineVersion { get; set; }
    public string PipelineName { get; set; } = "";
    public List<PipelineStep> Steps { get; set; } = [];
    public PipelineResources Resources { get; set; } = PipelineResources.Default;
    public ProcessedDatasetRequest Output { get; set; } = new(false, Guid.Empty, "", null, ExtendedInfo.Empty);
    public ProcessingStatus Status { get; set; }
    public bool StopRequested { get; set; }
    public int ShardCount { get; set; }
    public int StageCount { get; set; } = 1;
    public int CurrentStage { get; set; }
    public int MaxConcurrentShards { get; set; }
    public long MaxShardBytes { get; set; }
    public long TotalRecords { get; set; }

    /// <summary>Shard results recorded over all stages.</summary>
    public int ShardsProcessed { get; set; }

    /// <summary>Shards of the current stage whose result is recorded.</summary>
    public int StageShardsProcessed { get; set; }

    /// <summary>Records read by recorded shards of every stage, plus the latest progress of shards in flight.</summary>
    public long RecordsProcessed { get; set; }

    public long CompletedRecords { get; set; }
    public Dictionary<int, long> InFlight { get; set; } = [];
    public long RecordsIn { get; set; }
    public long RecordsOut { get; set; }
    public List<StepCounts> StepStatistics { get; set; } = [];
    public List<RecordSample> Samples { get; set; } = [];
    public List<StageMerge> Merges { get; set; } = [];
    public bool EmptyResult { get; set; }
    public StorageLocation? OutputLocation { get; set; }
    public Guid? GeneratedDatasetId { get; set; }
    public ProcessingFailure? Failure { get; set; }
    public string CreatedBy { get; set; } = "";
    public Instant CreatedAt { get; set; }
    public Instant? StartedAt { get; set; }
    public Instant? FinishedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public long Version { get; set; }
    public string SortKey { get; set; } = "";

    /// <summary>Copies the view with its own lists, so later events do not change the copy.</summary>
    public ProcessingTaskView Snapshot()
    {
        var copy = (ProcessingTaskView)MemberwiseClone();
        copy.InFlight = new Dictionary<int, long>(InFlight);
        copy.StepStatistics = [.. StepStatistics];
        copy.Samples = [.. Samples];
        copy.Merges = [.. Merges];
        return copy;
    }
}

public sealed class ProcessingTaskViewProjection : SingleStreamProjection<ProcessingTaskView, Guid>
{
    public override ProcessingTaskView? Evolve(ProcessingTaskView? view, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case ProcessingTaskCreated created:
                view = new ProcessingTaskView
                {
                    Id = created.TaskId,
                    SpaceId = created.SpaceId,
                    DatasetId = created.DatasetId,
                    DatasetVersion = created.DatasetVersion,
                    DatasetName = created.DatasetName,
                    Modality = created.Modality,
                    PipelineId = created.PipelineId,
                    PipelineVersion = created.PipelineVersion,
                    PipelineName = created.PipelineName,
                    Steps = created.Steps.ToList(),
                    Resources = created.Resources,
                    Output = created.Output,
                    Status = ProcessingStatus.Queued,
                    StageCount = StagePlan.For(created.Steps).StageCount,
                    StepStatistics = created.Steps.Select((step, index) => new StepCounts(index, step.OperatorId, 0, 0, 0, 0, 0)).ToList(),
                    CreatedBy = created.By,
                    CreatedAt = created.At,
                    UpdatedAt = created.At,
                    SortKey = SortKeys.For(created.At, created.TaskId),
                };
                break;
            case ProcessingPlanned planned when view is not null:
                view.Status = ProcessingStatus.Running;
                view.ShardCount = planned.Shards.Count;
                view.StageCount = planned.StageCount;
                view.TotalRecords = planned.TotalRecords;
                view.MaxConcurrentShards = planned.MaxConcurrentShards;
                view.MaxShardBytes = planned.MaxShardBytes;
                view.StartedAt = planned.At;
                view.UpdatedAt = planned.At;
                break;
            case ProcessingStageStarted started when view is not null:
                view.CurrentStage = started.Stage;
                view.StageShardsProcessed = 0;
                view.InFlight = [];
                view.UpdatedAt = started.At;
                break;
            case ShardProgressed progressed when view is not null && progressed.Stage == view.CurrentStage:
                view.InFlight[progressed.Shard] = progressed.RecordsRead;
                view.RecordsProcessed = view.CompletedRecords + view.InFlight.Values.Sum();
                view.UpdatedAt = progressed.At;
                break;
            case ShardProcessed processed when view is not null:
                ApplyShard(view, processed);
                break;
            case ProcessingStageMerged merged when view is not null:
                view.Merges.Add(new StageMerge
                {
                    Stage = merged.Stage, StepIndex = merged.StepIndex, DuplicatesFound = merged.DuplicatesFound, CandidatePairs = merged.CandidatePairs,
                });
                view.UpdatedAt = merged.At;
                break;
            case ProcessingStopRequested requested when view is not null:
                view.StopRequested = true;
                view.UpdatedAt = requested.At;
                break;
            case ProcessingStopped stopped when view is not null:
                view.Status = ProcessingStatus.Stopped;
                view.InFlight = [];
                view.FinishedAt = stopped.At;
                view.UpdatedAt = stopped.At;
                break;
            case ProcessingSucceeded succeeded when view is not null:
                view.Status = ProcessingStatus.Succeeded;
                view.RecordsIn = succeeded.RecordsIn;
                view.RecordsOut = succeeded.RecordsOut;
                view.EmptyResult = succeeded.EmptyResult;
                view.OutputLocation = succeeded.Output;
                view.InFlight = [];
                view.FinishedAt = succeeded.At;
                view.UpdatedAt = succeeded.At;
                break;
            case ProcessingFailed failed when view is not null:
                view.Status = ProcessingStatus.Failed;
                view.Failure = new ProcessingFailure { Code = failed.Code, ReasonEn = failed.ReasonEn, ReasonZh = failed.ReasonZh };
                view.InFlight = [];
                view.FinishedAt = failed.At;
                view.UpdatedAt = failed.At;
                break;
            case ProcessedDatasetGenerated generated when view is not null:
                view.GeneratedDatasetId = generated.DatasetId;
                view.UpdatedAt = generated.At;
                break;
            default:
                return view;
        }

        view.Version = e.Version;
        return view;
    }

    private static void ApplyShard(ProcessingTaskView view, ShardProcessed processed)
    {
        view.ShardsProcessed++;
        if (processed.Stage == view.CurrentStage)
        {
            view.StageShardsProcessed++;
            view.InFlight.Remove(processed.Shard);
        }

        view.CompletedRecords += processed.RecordsIn;
        view.RecordsProcessed = view.CompletedRecords + view.InFlight.Values.Sum();
        if (processed.Stage == 0)
        {
            view.RecordsIn += processed.RecordsIn;
        }

        if (processed.Stage == view.StageCount - 1)
        {
            view.RecordsOut += processed.RecordsOut;
        }

        foreach (var counts in processed.Steps)
        {
            var index = view.StepStatistics.FindIndex(existing => existing.StepIndex == counts.StepIndex);
            if (index >= 0)
            {
                view.StepStatistics[index] = view.StepStatistics[index].Add(counts);
            }
        }

        foreach (var sample in processed.Samples)
        {
            if (view.Samples.Count(existing => existing.StepIndex == sample.StepIndex) < ProcessingLimits.SamplesPerStep)
            {
                view.Samples.Add(sample);
            }
        }

        view.UpdatedAt = processed.At;
    }
}

/// <summary>Lineage of a processed dataset, keyed by the dataset id.</summary>
public sealed class DatasetLineageView
{
    public Guid Id { get; set; }
    public Guid SourceDatasetId { get; set; }
    public int SourceDatasetVersion { get; set; }
    public Guid PipelineId { get; set; }
    public long PipelineVersion { get; set; }
    public Guid ProcessingTaskId { get; set; }
    public Instant At { get; set; }
}

public sealed class DatasetLineageViewProjection : SingleStreamProjection<DatasetLineageView, Guid>
{
    public override DatasetLineageView? Evolve(DatasetLineageView? view, Guid id, IEvent e) => e.Data switch
    {
        ProcessedDatasetCreated created => new DatasetLineageView
        {
            Id = created.DatasetId,
            SourceDatasetId = created.SourceDatasetId,
            SourceDatasetVersion = created.SourceDatasetVersion,
            PipelineId = created.PipelineId,
            PipelineVersion = created.PipelineVersion,
            ProcessingTaskId = created.ProcessingTaskId,
            At = created.At,
        },
        DatasetLineageRecorded recorded => new DatasetLineageView
        {
            Id = recorded.DatasetId,
            SourceDatasetId = recorded.SourceDatasetId,
            SourceDatasetVersion = recorded.SourceDatasetVersion,
            PipelineId = recorded.PipelineId,
            PipelineVersion = recorded.PipelineVersion,
            ProcessingTaskId = recorded.ProcessingTaskId,
            At = recorded.At,
        },
        _ => view,
    };
}
