using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime.Serialization.SystemTextJson;
using PanguGraph.Compute.Importing;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Storage;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Tasks;

namespace PanguGraph.Compute.Processing.Tasks;

/// <summary>
/// Reads shard input from a dataset's normalised copy or from the previous stage, and writes stage
/// output. Intermediate records are JSON lines of {"id", "fields"}; media records carry the key of
/// their file, whose bytes are read again when a stage needs them.
/// </summary>
public sealed class ShardStorage(IObjectStorage storage)
{
    public static readonly JsonSerializerOptions Json =
        new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForNodaTime(NodaTime.DateTimeZoneProviders.Tzdb);

    public IObjectStorage Backend => storage;

    public async Task<DatasetManifest> ReadManifestAsync(StorageLocation location, CancellationToken cancellationToken)
    {
        await using var stream = await storage.OpenReadAsync(location.Bucket, location.ManifestKey, cancellationToken);
        return await JsonSerializer.DeserializeAsync<DatasetManifest>(stream, ManifestJson.Options, cancellationToken)
               ?? throw new InvalidDataException($"Manifest '{location.ManifestKey}' is empty.");
    }

    public async Task<List<DataRecord>> ReadSourceAsync(ProcessingTaskCreated request, DatasetManifest manifest, ShardSpec spec, CancellationToken cancellationToken)
    {
        var bucket = request.Source.Bucket;
        var records = new List<DataRecord>();
        if (manifest.SourceFormat == FileFormat.MediaFiles)
        {
            for (var index = spec.ObjectIndex; index < spec.ObjectIndex + spec.Take; index++)
            {
                var entry = manifest.Objects[index];
                var fields = new JsonObject { ["key"] = entry.Key, ["sourceKey"] = entry.SourceKey, ["mediaType"] = entry.MediaType, ["bytes"] = entry.SourceBytes };
                records.Add(new DataRecord(entry.SourceKey, fields, await ReadBytesAsync(bucket, entry.Key, cancellationToken)));
            }

            return records;
        }

        var part = manifest.Objects[spec.ObjectIndex];
        await using var input = await storage.OpenReadAsync(bucket, part.Key, cancellationToken);
        using var reader = new StreamReader(input, Encoding.UTF8);
        long line = 0;
        while (records.Count < spec.Take && await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            if (text.Length == 0)
            {
                continue;
            }

            line++;
            if (line <= spec.Skip)
            {
                continue;
            }

            var fields = JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["value"] = JsonNode.Parse(text) };
            var id = fields["id"] is JsonValue value && value.TryGetValue<string>(out var given) ? given : $"{spec.ObjectIndex}:{line}";
            records.Add(new DataRecord(id, fields));
        }

        return records;
    }

    public async Task<List<DataRecord>> ReadStageAsync(string bucket, string key, bool media, CancellationToken cancellationToken)
    {
        var records = new List<DataRecord>();
        await using var input = await storage.OpenReadAsync(bucket, key, cancellationToken);
        using var reader = new StreamReader(input, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            if (text.Length == 0)
            {
                continue;
            }

            var node = JsonNode.Parse(text)!.AsObject();
            var fields = node["fields"]!.AsObject();
            node.Remove("fields");
            var content = media ? await ReadBytesAsync(bucket, fields["key"]!.GetValue<string>(), cancellationToken) : null;
            records.Add(new DataRecord(node["id"]!.GetValue<string>(), fields, content));
        }

        return records;
    }

    /// <summary>Writes records as {"id", "fields"} lines, or as plain field objects for a processed dataset's data. Returns the byte count.</summary>
    public async Task<long> WriteRecordsAsync(string bucket, string key, IReadOnlyList<DataRecord> records, bool plain, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        foreach (var record in records)
        {
            var line = plain ? record.Fields.ToJsonString() : new JsonObject { ["id"] = record.Id, ["fields"] = record.Fields.DeepClone() }.ToJsonString();
            buffer.Write(Encoding.UTF8.GetBytes(line));
            buffer.WriteByte((byte)'\n');
        }

        var length = buffer.Length;
        buffer.Position = 0;
        await storage.UploadAsync(bucket, key, buffer, "application/x-ndjson", cancellationToken);
        return length;
    }

    public async Task WriteJsonAsync<T>(string bucket, string key, T value, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(value, Json));
        await storage.UploadAsync(bucket, key, buffer, "application/json", cancellationToken);
    }

    /// <summary>Reads a JSON object, or returns default when the key does not exist.</summary>
    public async Task<T?> TryReadJsonAsync<T>(string bucket, string key, CancellationToken cancellationToken)
    {
        if (await storage.HeadAsync(bucket, key, cancellationToken) is null)
        {
            return default;
        }

        await using var stream = await storage.OpenReadAsync(bucket, key, cancellationToken);
        return await JsonSerializer.DeserializeAsync<T>(stream, Json, cancellationToken);
    }

    private async Task<byte[]> ReadBytesAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        await using var stream = await storage.OpenReadAsync(bucket, key, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
