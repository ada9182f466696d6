using System.Text;
using System.Text.Json;
using PanguGraph.Compute.Importing;
using PanguGraph.Compute.Storage;
using PanguGraph.Domain.Datasets;

namespace PanguGraph.Compute.Annotation;

/// <summary>
/// Reads every record of a dataset version as compact JSON, in manifest order: one JSONL line
/// per record for record data, and {key, sourceKey, mediaType, bytes} per file for media data.
/// Stops after <paramref name="limit"/> records and returns what it read so far plus one,
/// so callers can tell that the dataset is larger than they accept.
/// </summary>
public sealed class DatasetRecordSource(IObjectStorage storage)
{
    public async Task<IReadOnlyList<string>> ReadAllAsync(StorageLocation location, int limit, CancellationToken cancellationToken)
    {
        DatasetManifest? manifest;
        await using (var manifestStream = await storage.OpenReadAsync(location.Bucket, location.ManifestKey, cancellationToken))
        {
            manifest = await JsonSerializer.DeserializeAsync<DatasetManifest>(manifestStream, ManifestJson.Options, cancellationToken);
        }

        var records = new List<string>();
        if (manifest is null)
        {
            return records;
        }

        if (manifest.SourceFormat == FileFormat.MediaFiles)
        {
            return manifest.Objects.Take(limit + 1)
                .Select(entry => JsonSerializer.Serialize(new { key = entry.Key, sourceKey = entry.SourceKey, mediaType = entry.MediaType, bytes = entry.SourceBytes }))
                .ToList();
        }

        foreach (var entry in manifest.Objects.Where(e => e.RecordCount > 0))
        {
            await using var stream = await storage.OpenReadAsync(location.Bucket, entry.Key, cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (records.Count <= limit && await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0)
                {
                    records.Add(line);
                }
            }

            if (records.Count > limit)
            {
                break;
            }
        }

        return records;
    }
}
