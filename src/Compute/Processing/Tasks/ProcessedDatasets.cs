using Marten;
using NodaTime;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Tasks;

namespace PanguGraph.Compute.Processing.Tasks;

/// <summary>
/// Creates the processed dataset of a succeeded task as a new dataset stream that starts with
/// ProcessedDatasetCreated, so every later step reads it like any other dataset and its lineage
/// travels with it. Returns the event that the caller appends to the task's stream.
/// </summary>
public static class ProcessedDatasets
{
    public static ProcessedDatasetGenerated Generate(IDocumentSession session, ProcessingTask task, ProcessedDatasetRequest output, string by, Instant now)
    {
        var request = task.Request;
        var result = task.Result ?? throw new InvalidOperationException($"Processing task {task.Id} has no result to turn into a dataset.");
        var format = request.Format == FileFormat.MediaFiles ? FileFormat.MediaFiles : FileFormat.Jsonl;
        session.Events.StartStream<Dataset>(
            output.DatasetId,
            new ProcessedDatasetCreated(
                output.DatasetId,
                task.SpaceId,
                output.Name,
                output.Description,
                request.Modality,
                format,
                Visibility.Space,
                output.ExtendedInfo,
                1,
                new DatasetStatistics(result.RecordsOut, result.OutputBytes, result.OutputObjects),
                result.Output,
                request.DatasetId,
                request.DatasetVersion,
                request.PipelineId,
                request.PipelineVersion,
                task.Id,
                by,
                now));
        return new ProcessedDatasetGenerated(task.Id, task.SpaceId, output.DatasetId, by, now);
    }
}
