using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parquet;
using Parquet.Serialization;

namespace PanguGraph.Compute.Importing.Formats;

/// <summary>
/// Reads Parquet rows as JSON objects, one row group in memory at a time. Parquet keeps its metadata at
/// the end of the file, so the source is first copied to a temporary file that is deleted on close.
/// </summary>
public sealed class ParquetRecordReader : IRecordReader
{
    public async IAsyncEnumerable<SourceRecord> ReadAsync(
        Stream source, string objectKey, RecordReaderLimits limits, [EnumeratorCancellation] CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pangu-import-{Guid.NewGuid():N}.parquet");
        await using var spill = new FileStream(
            path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await source.CopyToAsync(spill, ct);

        var rowGroupCount = await CountRowGroupsAsync(spill, objectKey, ct);
        long row = 0;
        for (var group = 0; group < rowGroupCount; group++)
        {
            var rows = await ReadRowGroupAsync(spill, objectKey, group, ct);
            foreach (var values in rows)
            {
                row++;
                var bytes = JsonSerializer.SerializeToUtf8Bytes(values);
                if (bytes.Length > limits.MaxRecordBytes)
                {
                    throw RecordFormatException.RecordTooLarge(objectKey, row, limits.MaxRecordBytes);
                }

                yield return new SourceRecord(row, JsonNode.Parse(bytes)!.AsObject(), bytes.Length);
            }
        }
    }

    private static async Task<int> CountRowGroupsAsync(FileStream spill, string objectKey, CancellationToken ct)
    {
        try
        {
            spill.Position = 0;
            await using var reader = await ParquetReader.CreateAsync(spill, leaveStreamOpen: true, cancellationToken: ct);
            return reader.RowGroupCount;
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            throw RecordFormatException.ParquetInvalid(objectKey, e);
        }
    }

    private static async Task<IList<Dictionary<string, object>>> ReadRowGroupAsync(
        FileStream spill, string objectKey, int group, CancellationToken ct)
    {
        try
        {
            spill.Position = 0;
            var result = await ParquetSerializer.DeserializeUntypedAsync(spill, null, group, ct);
            return result.Data;
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            throw RecordFormatException.ParquetInvalid(objectKey, e);
        }
    }

    // A damaged file can fail anywhere inside the decoder with many exception types (format, index,
    // overflow, I/O), so everything except cancellation counts as an unreadable file.
    private static bool IsDecodeFailure(Exception e) => e is not OperationCanceledException;
}
