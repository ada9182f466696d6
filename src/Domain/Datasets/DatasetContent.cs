using PanguGraph.Domain.Annotation;
using PanguGraph.Domain.Processing.Tasks;

namespace PanguGraph.Domain.Datasets;

/// <summary>
/// What a dataset version contains and where it is stored, as recorded by the event that started
/// the dataset's stream (an import, a processing task or an annotation task).
/// </summary>
public sealed record DatasetContent(int DatasetVersion, Modality Modality, FileFormat Format, StorageLocation Location)
{
    /// <summary>
    /// Reads the content from a dataset-creating event, or returns null for any other event.
    /// </summary>
    public static DatasetContent? FromCreation(object @event) => @event switch
    {
        DatasetImported e => new DatasetContent(e.DatasetVersion, e.Modality, e.Format, e.Location),
        ProcessedDatasetCreated e => new DatasetContent(e.DatasetVersion, e.Modality, e.Format, e.Location),
        AnnotatedDatasetCreated e => new DatasetContent(e.DatasetVersion, e.Modality, FileFormat.Jsonl, e.Location),
        _ => null,
    };
}
