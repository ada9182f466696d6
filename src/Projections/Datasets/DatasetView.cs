using JasperFx.Events;
using Marten.Events.Aggregation;
using NodaTime;
using PanguGraph.Projections.Configuration;
using PanguGraph.Domain.Datasets;

namespace PanguGraph.Projections.Datasets;

public enum DatasetStatus
{
    Available,
    Deleted,
}

/// <summary>
/// Read model of a dataset as listed and shown to users.
/// </summary>
public sealed class DatasetView
{
    public Guid Id { get; set; }
    public Guid SpaceId { get; set; }
    public Guid ImportTaskId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public Modality Modality { get; set; }
    public FileFormat Format { get; set; }
    public DatasetStatus Status { get; set; }
    public Visibility Visibility { get; set; }
    public ExtendedInfo ExtendedInfo { get; set; } = ExtendedInfo.Empty;
    public int DatasetVersion { get; set; }
    public DatasetStatistics Statistics { get; set; } = new(0, 0, 0);
    public StorageLocation Location { get; set; } = new("", "", "");
    public string CreatedBy { get; set; } = "";
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public long Version { get; set; }

    /// <summary>Lineage of a derived dataset: the dataset it came from and the task that made it.</summary>
    public Guid? SourceDatasetId { get; set; }

    public Guid? SourceTaskId { get; set; }

    /// <summary>Pipeline that produced a processed dataset; null for every other dataset.</summary>
    public Guid? PipelineId { get; set; }

    /// <summary>
    /// Cursor and sort key: creation time in Unix milliseconds (15 digits) and the id, so that
    /// string order equals creation order and ties are broken by id.
    /// </summary>
    public string SortKey { get; set; } = "";
}

public sealed class DatasetViewProjection : SingleStreamProjection<DatasetView, Guid>
{
    public override DatasetView? Evolve(DatasetView? view, Guid id, IEvent e)
    {
        switch (e.Data)
        {
            case DatasetImported imported:
                view = new DatasetView
                {
                    Id = imported.DatasetId,
                    SpaceId = imported.SpaceId,
                    ImportTaskId = imported.ImportTaskId,
                    Name = imported.Name,
                    Description = imported.Description,
                    Modality = imported.Modality,
                    Format = imported.Format,
                    Status = DatasetStatus.Available,
                    Visibility = imported.Visibility,
                    ExtendedInfo = imported.ExtendedInfo,
                    DatasetVersion = imported.DatasetVersion,
                    Statistics = imported.Statistics,
                    Location = imported.Location,
                    CreatedBy = imported.By,
                    CreatedAt = imported.At,
                    SortKey = SortKeys.For(imported.At, imported.DatasetId),
                    UpdatedAt = imported.At,
                    UpdatedBy = imported.By,
                };
                break;
            case Domain.Processing.Tasks.ProcessedDatasetCreated processed:
                view = new DatasetView
                {
                    Id = processed.DatasetId,
                    SpaceId = processed.SpaceId,
                    Name = processed.Name,
                    Description = processed.Description,
                    Modality = processed.Modality,
                    Format = processed.Format,
                    Status = DatasetStatus.Available,
                    Visibility = processed.Visibility,
                    ExtendedInfo = processed.ExtendedInfo,
                    DatasetVersion = processed.DatasetVersion,
                    Statistics = processed.Statistics,
                    Location = processed.Location,
                    SourceDatasetId = processed.SourceDatasetId,
                    SourceTaskId = processed.ProcessingTaskId,
                    PipelineId = processed.PipelineId,
                    CreatedBy = processed.By,
                    CreatedAt = processed.At,
                    SortKey = SortKeys.For(processed.At, processed.DatasetId),
                    UpdatedAt = processed.At,
                    UpdatedBy = processed.By,
                };
                break;
            case Domain.Processing.Tasks.DatasetLineageRecorded lineage when view is not null:
                // Legacy processed dataset: its DatasetImported event carried the processing task id as the import task id.
                view.ImportTaskId = Guid.Empty;
                view.SourceDatasetId = lineage.SourceDatasetId;
                view.SourceTaskId = lineage.ProcessingTaskId;
                view.PipelineId = lineage.PipelineId;
                break;
            case Domain.Annotation.AnnotatedDatasetCreated annotated:
                view = new DatasetView
                {
                    Id = annotated.DatasetId,
                    SpaceId = annotated.SpaceId,
                    Name = annotated.Name,
                    Modality = annotated.Modality,
                    Format = FileFormat.Jsonl,
                    Status = DatasetStatus.Available,
                    Visibility = annotated.Visibility,
                    DatasetVersion = annotated.DatasetVersion,
                    Statistics = annotated.Statistics,
                    Location = annotated.Location,
                    SourceDatasetId = annotated.SourceDatasetId,
                    SourceTaskId = annotated.AnnotationTaskId,
                    CreatedBy = annotated.By,
                    CreatedAt = annotated.At,
                    SortKey = SortKeys.For(annotated.At, annotated.DatasetId),
                    UpdatedAt = annotated.At,
                    UpdatedBy = annotated.By,
                };
                break;
            case DatasetDetailsEdited edited when view is not null:
                view.Name = edited.Name;
                view.Description = edited.Description;
                view.Visibility = edited.Visibility;
                view.ExtendedInfo = edited.ExtendedInfo;
                view.UpdatedAt = edited.At;
                view.UpdatedBy = edited.By;
                break;
            case DatasetDeleted deleted when view is not null:
                view.Status = DatasetStatus.Deleted;
                view.UpdatedAt = deleted.At;
                view.UpdatedBy = deleted.By;
                break;
            default:
                return view;
        }

        view.Version = e.Version;
        return view;
    }
}
