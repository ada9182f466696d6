using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;

namespace PanguGraph.Domain.Importing;

public sealed record CreateImportTask(
    Caller Caller,
    Guid TaskId,
    Guid SpaceId,
    string DatasetName,
    string? Description,
    Modality Modality,
    FileFormat Format,
    ImportSource Source,
    Visibility Visibility,
    ExtendedInfo ExtendedInfo);

/// <summary>
/// Job message: run (or re-run) the import of a task. Sent on a durable queue; any worker may
/// take it, and a redelivery after a crash starts a new attempt.
/// </summary>
public sealed record RunImport(Guid TaskId);
