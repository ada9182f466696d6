using PanguGraph.Domain.Common;

namespace PanguGraph.Domain.Datasets;

public sealed record EditDatasetDetails(
    Caller Caller, Guid DatasetId, string Name, string? Description, Visibility Visibility, ExtendedInfo? ExtendedInfo, long? ExpectedVersion);

public sealed record DeleteDataset(Caller Caller, Guid DatasetId, long? ExpectedVersion);
