using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace PanguGraph.Compute.Importing.Formats;

/// <summary>
/// Turns one media file into one record: its key, media type, kind, size and SHA-256. The whole file
/// is streamed once to compute the size and hash, with constant memory.
/// </summary>
public sealed class MediaFileRecordReader(MediaKind? expectedKind) : IRecordReader
{
    public async IAsyncEnumerable<SourceRecord> ReadAsync(
        Stream source, string objectKey, RecordReaderLimits limits, [EnumeratorCancellation] CancellationToken ct)
    {
        var head = new byte[MediaFileInspector.HeadBytes];
        var headLength = await source.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);

        // An unsupported extension fails in Inspect whatever kind is passed.
        var expected = expectedKind ?? MediaFileInspector.KindOfExtension(objectKey) ?? MediaKind.Image;
        var probe = MediaFileInspector.Inspect(head.AsSpan(0, headLength), objectKey, expected);
        if (probe.Error is not null)
        {
            throw probe.Error;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(head, 0, headLength);
        long size = headLength;
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            size += read;
        }

        var value = new JsonObject
        {
            ["objectKey"] = objectKey,
            ["mediaType"] = probe.MediaType,
            ["mediaKind"] = probe.Kind.ToString()!.ToLowerInvariant(),
            ["sizeBytes"] = size,
            ["sha256"] = Convert.ToHexStringLower(hash.GetHashAndReset()),
        };
        yield return new SourceRecord(1, value, size);
    }
}
