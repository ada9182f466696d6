using NodaTime;
using PanguGraph.Domain.Datasets;

namespace PanguGraph.Domain.Importing;

/// <summary>
/// Objects to import: every object under a prefix of a bucket, or an explicit list of keys.
/// </summary>
public sealed record ImportSource(string Bucket, string? Prefix, IReadOnlyList<string> Keys);

public sealed record ImportTaskCreated(
    Guid TaskId,
    Guid SpaceId,
    Guid DatasetId,
    string DatasetName,
    string? Description,
    Modality Modality,
    FileFormat Format,
    ImportSource Source,
    Visibility Visibility,
    ExtendedInfo ExtendedInfo,
    string By,
    Instant At);

/// <summary>
/// A worker began an attempt. A later attempt (after a crash or a retry) starts again from the
/// first object, so counts of earlier attempts are discarded and nothing is counted twice.
/// </summary>
public sealed record ImportStarted(Guid TaskId, int Attempt, int ObjectCount, long TotalBytes, string Worker, Instant At);

/// <summary>
/// Throttled progress of the current attempt: about one per second per task.
/// </summary>
public sealed record ImportProgressed(Guid TaskId, int Attempt, int ObjectsDone, long RecordsImported, long BytesRead, Instant At);

public sealed record ImportSucceeded(Guid TaskId, Guid SpaceId, int Attempt, Guid DatasetId, long RecordCount, long ByteCount, int ObjectCount, Instant At);

/// <summary>
/// The import failed; no dataset was published. Object key and line point at the bad input when known.
/// </summary>
public sealed record ImportFailed(Guid TaskId, Guid SpaceId, int Attempt, string Code, string ReasonEn, string ReasonZh, string? ObjectKey, long? Line, Instant At);
