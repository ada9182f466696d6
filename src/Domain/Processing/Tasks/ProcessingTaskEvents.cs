using NodaTime;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Pipelines;

namespace PanguGraph.Domain.Processing.Tasks;

/// <summary>
/// What to do with the result: with <see cref="AutoGenerate"/> the processed dataset is created
/// when the task succeeds, under the pre-assigned <see cref="DatasetId"/>; otherwise it can be
/// generated later from the finished task.
/// </summary>
public sealed record ProcessedDatasetRequest(bool AutoGenerate, Guid DatasetId, string Name, string? Description, ExtendedInfo ExtendedInfo);

/// <summary>
/// A slice of the source dataset: <see cref="Take"/> records of manifest object
/// <see cref="ObjectIndex"/> after skipping <see cref="Skip"/>. For media datasets, where each
/// object is one record, it is the objects ObjectIndex to ObjectIndex + Take − 1.
/// </summary>
public sealed record ShardSpec(int Index, int ObjectIndex, long Skip, long Take, long EstimatedBytes);

/// <summary>Counts of one pipeline step over one shard (or, summed, over the whole task).</summary>
public sealed record StepCounts(int StepIndex, string OperatorId, long RecordsIn, long RecordsOut, long Modified, long Removed, long Unprocessable)
{
    public StepCounts Add(StepCounts other) => this with
    {
        RecordsIn = RecordsIn + other.RecordsIn,
        RecordsOut = RecordsOut + other.RecordsOut,
        Modified = Modified + other.Modified,
        Removed = Removed + other.Removed,
        Unprocessable = Unprocessable + other.Unprocessable,
    };
}

public enum SampleKind
{
    Removed,
    Changed,
    Unprocessable,
}

/// <summary>
/// A record that a step removed, changed or could not process, shown before and after. Texts are
/// cut to <see cref="ProcessingLimits.MaxSampleTextLength"/> characters.
/// </summary>
public sealed record RecordSample(int StepIndex, string OperatorId, SampleKind Kind, string RecordId, string? Field, string Before, string? After, string? ReasonCode, string? ReasonDetail);

public sealed record ProcessingTaskCreated(
    Guid TaskId,
    Guid SpaceId,
    Guid DatasetId,
    int DatasetVersion,
    string DatasetName,
    Modality Modality,
    FileFormat Format,
    StorageLocation Source,
    Guid PipelineId,
    long PipelineVersion,
    string PipelineName,
    IReadOnlyList<PipelineStep> Steps,
    PipelineResources Resources,
    ProcessedDatasetRequest Output,
    string By,
    Instant At);

/// <summary>
/// A worker split the dataset into shards. <see cref="MaxConcurrentShards"/> (numExecutors) shards
/// of a stage run at once; <see cref="MaxShardBytes"/> follows executorMemory.
/// </summary>
public sealed record ProcessingPlanned(
    Guid TaskId,
    IReadOnlyList<ShardSpec> Shards,
    int StageCount,
    long TotalRecords,
    int MaxConcurrentShards,
    long MaxShardBytes,
    string Worker,
    Instant At);

/// <summary>A stage began; shards 0 to <see cref="DispatchedShards"/> − 1 were queued.</summary>
public sealed record ProcessingStageStarted(Guid TaskId, int Stage, int DispatchedShards, Instant At);

/// <summary>Throttled progress of one shard in flight: records read so far in this attempt.</summary>
public sealed record ShardProgressed(Guid TaskId, int Stage, int Shard, long RecordsRead, Instant At);

/// <summary>
/// A shard finished a stage; recorded once per (stage, shard) however often it ran.
/// <see cref="Attempt"/> is the delivery of the job message that recorded it. When
/// <see cref="DispatchedShard"/> is set, that shard of the same stage was queued next.
/// </summary>
public sealed record ShardProcessed(
    Guid TaskId,
    int Stage,
    int Shard,
    int Attempt,
    long RecordsIn,
    long RecordsOut,
    IReadOnlyList<StepCounts> Steps,
    IReadOnlyList<RecordSample> Samples,
    string OutputKey,
    long OutputBytes,
    string? SignaturesKey,
    int? DispatchedShard,
    string Worker,
    Instant At);

/// <summary>Phase 2 of a deduplication step: signatures of every shard were merged into one decision.</summary>
public sealed record ProcessingStageMerged(Guid TaskId, int Stage, int StepIndex, int DuplicatesFound, int CandidatePairs, string DecisionKey, Instant At);

public sealed record ProcessingStopRequested(Guid TaskId, string By, Instant At);

public sealed record ProcessingStopped(Guid TaskId, Guid SpaceId, int ShardsProcessed, Instant At);

/// <summary>
/// The task finished. <see cref="EmptyResult"/> is true when the pipeline removed every record, which
/// is a success with an empty output.
/// </summary>
public sealed record ProcessingSucceeded(
    Guid TaskId,
    Guid SpaceId,
    long RecordsIn,
    long RecordsOut,
    bool EmptyResult,
    StorageLocation Output,
    long OutputBytes,
    int OutputObjects,
    Instant At);

public sealed record ProcessingFailed(Guid TaskId, Guid SpaceId, string Code, string ReasonEn, string ReasonZh, Instant At);

/// <summary>The processed dataset of a finished task was created (automatically or on request).</summary>
public sealed record ProcessedDatasetGenerated(Guid TaskId, Guid SpaceId, Guid DatasetId, string By, Instant At);

/// <summary>
/// A processed dataset came into being as version 1 from a succeeded processing task. It is the
/// first event of the new dataset's stream and carries the lineage: the source dataset and its
/// version, the pipeline and its version, and the processing task.
/// </summary>
public sealed record ProcessedDatasetCreated(
    Guid DatasetId,
    Guid SpaceId,
    string Name,
    string? Description,
    Modality Modality,
    FileFormat Format,
    Visibility Visibility,
    ExtendedInfo ExtendedInfo,
    int DatasetVersion,
    DatasetStatistics Statistics,
    StorageLocation Location,
    Guid SourceDatasetId,
    int SourceDatasetVersion,
    Guid PipelineId,
    long PipelineVersion,
    Guid ProcessingTaskId,
    string By,
    Instant At);

/// <summary>
/// Lineage of a processed dataset made before <see cref="ProcessedDatasetCreated"/> existed, when
/// such a stream started with DatasetImported followed by this event. No new code appends it, but
/// stored streams still contain it.
/// </summary>
public sealed record DatasetLineageRecorded(
    Guid DatasetId,
    Guid SourceDatasetId,
    int SourceDatasetVersion,
    Guid PipelineId,
    long PipelineVersion,
    Guid ProcessingTaskId,
    Instant At);
