using System.Text;
using System.Text.Json;
using PanguGraph.Compute.Storage;
using PanguGraph.Domain.Datasets;

namespace PanguGraph.Compute.Importing;

/// <summary>
/// Reads the first records of a dataset version from its normalised copy, through the manifest.
/// </summary>
public sealed class DatasetPreviewReader(IObjectStorage storage)
{
    public async Task<IReadOnlyList<JsonElement>> ReadAsync(StorageLocation location, int limit, CancellationToken cancellationToken)
    {
        DatasetManifest? manifest;
        await using (var manifestStream = await storage.OpenReadAsync(location.Bucket, location.ManifestKey, cancellationToken))
        {
            manifest = await JsonSerializer.DeserializeAsync<DatasetManifest>(manifestStream, ManifestJson.Options, cancellationToken);
        }

        var records = new List<JsonElement>();
        if (manifest is null)
        {
            return records;
        }

        if (manifest.SourceFormat == FileFormat.MediaFiles)
        {
            return manifest.Objects.Take(limit)
                .Select(entry => JsonSerializer.SerializeToElement(
                    new { key = entry.Key, sourceKey = entry.SourceKey, mediaType = entry.MediaType, bytes = entry.SourceBytes }))
                .ToList();
        }

        foreach (var entry in manifest.Objects.Where(e => e.RecordCount > 0))
        {
            await using var stream = await storage.OpenReadAsync(location.Bucket, entry.Key, cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (records.Count < limit && await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0)
                {
                    records.Add(JsonDocument.Parse(line).RootElement.Clone());
                }
            }

            if (records.Count >= limit)
            {
                break;
            }
        }

        return records;
    }
}
