using Marten;
using NodaTime;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Tasks;

namespace PanguGraph.Compute.Processing.Tasks;

/// <summary>
/// Creates the processed dataset of a succeeded task as a new dataset stream. It starts with the
/// same DatasetImported event as an imported dataset, so every later step reads it like any other
/// dataset, followed by DatasetLineageRecorded with its origin. Returns the event that the caller
/// appends to the task's stream.
/// </summary>
// NOTE: DatasetImported.ImportTaskId carries the processing task id for processed datasets;
// DatasetLineageRecorded is the event that records which kind of task it was.
public static class ProcessedDatasets
{
    public static ProcessedDatasetGenerated Generate(IDocumentSession session, ProcessingTask task, ProcessedDatasetRequest output, string by, Instant now)
    {
        var request = task.Request;
        var result = task.Result ?? throw new InvalidOperationException($"Processing task {task.Id} has no result to turn into a dataset.");
        var format = request.Format == FileFormat.MediaFiles ? FileFormat.MediaFiles : FileFormat.Jsonl;
        session.Events.StartStream<Dataset>(
            output.DatasetId,
            new DatasetImported(
                output.DatasetId,
                task.SpaceId,
                task.Id,
                output.Name,
                output.Description,
                request.Modality,
                format,
                Visibility.Space,
                output.ExtendedInfo,
                1,
                new DatasetStatistics(result.RecordsOut, result.OutputBytes, result.OutputObjects),
                result.Output,
                by,
                now),
            new DatasetLineageRecorded(output.DatasetId, request.DatasetId, request.DatasetVersion, request.PipelineId, request.PipelineVersion, task.Id, now));
        return new ProcessedDatasetGenerated(task.Id, task.SpaceId, output.DatasetId, by, now);
    }
}
