using PanguGraph.Domain.Datasets;

namespace PanguGraph.Compute.Importing;

/// <summary>
/// One data object of a dataset version's normalised copy.
/// </summary>
public sealed record ManifestEntry(string Key, string SourceKey, long RecordCount, long SourceBytes, string MediaType);

/// <summary>
/// The manifest written beside a dataset version's data objects: what they are and how many
/// records each holds. Readers of a dataset start here.
/// </summary>
public sealed record DatasetManifest(
    Guid DatasetId,
    int DatasetVersion,
    Modality Modality,
    FileFormat SourceFormat,
    long RecordCount,
    long SourceBytes,
    IReadOnlyList<ManifestEntry> Objects)
{
    public const string FileName = "manifest.json";

    public static string PrefixFor(Guid spaceId, Guid datasetId, int version) =>
        $"spaces/{spaceId:N}/datasets/{datasetId:N}/v{version}/";
}
