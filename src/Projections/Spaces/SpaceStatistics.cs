using JasperFx.Events;
using Marten.Events.Projections;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Importing;
using PanguGraph.Domain.Processing.Tasks;

namespace PanguGraph.Projections.Spaces;

/// <summary>
/// Per-space counters for dashboards, maintained by the async daemon so that imports never wait
/// on them. Deleted datasets stay counted in the imported totals.
/// </summary>
public sealed class SpaceStatistics
{
    public Guid Id { get; set; }
    public int ImportTasksCreated { get; set; }
    public int ImportsSucceeded { get; set; }
    public int ImportsFailed { get; set; }
    public int DatasetsImported { get; set; }
    public int DatasetsDeleted { get; set; }
    public long RecordsImported { get; set; }
    public long BytesImported { get; set; }

    /// <summary>Processed datasets created from processing tasks; deleted ones stay counted.</summary>
    public int ProcessedDatasetsCreated { get; set; }

    /// <summary>Records in the processed datasets created, summed over all of them.</summary>
    public long ProcessedRecords { get; set; }
}

public sealed class SpaceStatisticsProjection : MultiStreamProjection<SpaceStatistics, Guid>
{
    public SpaceStatisticsProjection()
    {
        Identity<ImportTaskCreated>(e => e.SpaceId);
        Identity<ImportSucceeded>(e => e.SpaceId);
        Identity<ImportFailed>(e => e.SpaceId);
        Identity<DatasetImported>(e => e.SpaceId);
        Identity<ProcessedDatasetCreated>(e => e.SpaceId);
        Identity<DatasetDeleted>(e => e.SpaceId);
    }

    public override SpaceStatistics? Evolve(SpaceStatistics? statistics, Guid id, IEvent e)
    {
        statistics ??= new SpaceStatistics { Id = id };
        switch (e.Data)
        {
            case ImportTaskCreated:
                statistics.ImportTasksCreated++;
                break;
            case ImportSucceeded:
                statistics.ImportsSucceeded++;
                break;
            case ImportFailed:
                statistics.ImportsFailed++;
                break;
            case DatasetImported imported:
                statistics.DatasetsImported++;
                statistics.RecordsImported += imported.Statistics.RecordCount;
                statistics.BytesImported += imported.Statistics.ByteCount;
                break;
            case ProcessedDatasetCreated processed:
                statistics.ProcessedDatasetsCreated++;
                statistics.ProcessedRecords += processed.Statistics.RecordCount;
                break;
            case DatasetDeleted:
                statistics.DatasetsDeleted++;
                break;
        }

        return statistics;
    }
}
