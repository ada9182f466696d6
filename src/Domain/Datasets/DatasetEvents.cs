using NodaTime;

namespace PanguGraph.Domain.Datasets;

/// <summary>
/// Where a dataset version's normalised copy lives: a bucket, a key prefix with the data
/// objects, and the manifest object that lists them with their record counts.
/// </summary>
public sealed record StorageLocation(string Bucket, string Prefix, string ManifestKey);

public sealed record DatasetStatistics(long RecordCount, long ByteCount, int ObjectCount);

/// <summary>
/// A raw dataset came into being as version 1 from a successful import.
/// </summary>
public sealed record DatasetImported(
    Guid DatasetId,
    Guid SpaceId,
    Guid ImportTaskId,
    string Name,
    string? Description,
    Modality Modality,
    FileFormat Format,
    Visibility Visibility,
    ExtendedInfo ExtendedInfo,
    int DatasetVersion,
    DatasetStatistics Statistics,
    StorageLocation Location,
    string By,
    Instant At);

public sealed record DatasetDetailsEdited(
    Guid DatasetId,
    string Name,
    string? Description,
    Visibility Visibility,
    ExtendedInfo ExtendedInfo,
    string By,
    Instant At);

public sealed record DatasetDeleted(Guid DatasetId, Guid SpaceId, string By, Instant At);
