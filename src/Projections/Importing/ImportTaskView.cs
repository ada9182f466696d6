using JasperFx.Events;
using Marten.Events.Aggregation;
using NodaTime;
using PanguGraph.Projections.Configuration;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Importing;

namespace PanguGraph.Projections.Importing;

public sealed class ImportFailure
{
    public string Code { get; set; } = "";
    public string ReasonEn { get; set; } = "";
    public string ReasonZh { get; set; } = "";
    public string? ObjectKey { get; set; }
    public long? Line { get; set; }
}

/// <summary>
/// Read model of an import task with the progress of its current attempt.
/// </summary>
public sealed class ImportTaskView
{
    public Guid Id { get; set; }
    public Guid SpaceId { get; set; }
    public Guid DatasetId { get; set; }
    public string DatasetName { get; set; } = "";
    public string? Description { get; set; }
    public Modality Modality { get; set; }
    public FileFormat Format { get; set; }
    public ImportSource Source { get; set; } = new("", null, []);
    public ImportStatus Status { get; set; }
    public int Attempt { get; set; }
    public int ObjectCount { get; set; }
    public long TotalBytes { get; set; }
    public int ObjectsDone { get; set; }
    public long RecordsImported { get; set; }
    public long BytesRead { get; set; }
    public ImportFailure? Failure { get; set; }
    public string CreatedBy { get; set; } = "";
    public Instant CreatedAt { get; set; }
    public Instant? StartedAt { get; set; }
    public Instant? FinishedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public long Version { get; set; }

    /// <summary>
    /// Cursor and sort key: creation time in Unix milliseconds (15 digits) and the id, so that
    /// string order equals creation order and ties are broken by id.
    /// </summary>
    public string SortKey { get; set; } = "";

    /// <summary>
    /// Copies the view. Evolve replaces nested objects rather than mutating them, so a shallow
    /// copy is an independent snapshot.
    /// </summary>
    public ImportTaskView Snapshot() => (ImportTaskView)MemberwiseClone();
}

public sealed class ImportTaskViewProjection : SingleStreamProjection<ImportTaskView, Guid>
{
    public override ImportTaskView? Evolve(ImportTaskView? view, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case ImportTaskCreated created:
                view = new ImportTaskView
                {
                    Id = created.TaskId,
                    SpaceId = created.SpaceId,
                    DatasetId = created.DatasetId,
                    DatasetName = created.DatasetName,
                    Description = created.Description,
                    Modality = created.Modality,
                    Format = created.Format,
                    Source = created.Source,
                    Status = ImportStatus.Queued,
                    CreatedBy = created.By,
                    CreatedAt = created.At,
                    SortKey = SortKeys.For(created.At, created.TaskId),
                };
                view.UpdatedAt = created.At;
                break;
            case ImportStarted started when view is not null:
                view.Status = ImportStatus.Running;
                view.Attempt = started.Attempt;
                view.ObjectCount = started.ObjectCount;
                view.TotalBytes = started.TotalBytes;
                view.ObjectsDone = 0;
                view.RecordsImported = 0;
                view.BytesRead = 0;
                view.StartedAt = started.At;
                view.UpdatedAt = started.At;
                break;
            case ImportProgressed progressed when view is not null:
                view.ObjectsDone = progressed.ObjectsDone;
                view.RecordsImported = progressed.RecordsImported;
                view.BytesRead = progressed.BytesRead;
                view.UpdatedAt = progressed.At;
                break;
            case ImportSucceeded succeeded when view is not null:
                view.Status = ImportStatus.Succeeded;
                view.ObjectsDone = succeeded.ObjectCount;
                view.RecordsImported = succeeded.RecordCount;
                view.BytesRead = succeeded.ByteCount;
                view.FinishedAt = succeeded.At;
                view.UpdatedAt = succeeded.At;
                break;
            case ImportFailed failed when view is not null:
                view.Status = ImportStatus.Failed;
                view.Failure = new ImportFailure
                {
                    Code = failed.Code, ReasonEn = failed.ReasonEn, ReasonZh = failed.ReasonZh, ObjectKey = failed.ObjectKey, Line = failed.Line,
                };
                view.FinishedAt = failed.At;
                view.UpdatedAt = failed.At;
                break;
            default:
                return view;
        }

        view.Version = e.Version;
        return view;
    }
}
