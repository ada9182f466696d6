using System.Text.Json.Nodes;

namespace PanguGraph.Compute.Importing.Formats;

/// <summary>
/// One record read from a source object. <see cref="Line"/> is 1-based: the text line for JSONL and
/// CSV (the CSV header is line 1), the element number for a JSON array and the row number for Parquet.
/// <see cref="Bytes"/> is the size of the record in the source (UTF-8 bytes for text formats).
/// </summary>
public sealed record SourceRecord(long Line, JsonObject Value, long Bytes);

/// <summary>Limits applied while reading; a record larger than <see cref="MaxRecordBytes"/> fails with RECORD_TOO_LARGE.</summary>
public sealed record RecordReaderLimits(long MaxRecordBytes = RecordReaderLimits.DefaultMaxRecordBytes)
{
    public const long DefaultMaxRecordBytes = 1024 * 1024;

    public static RecordReaderLimits Default { get; } = new();
}

/// <summary>
/// Turns a source object into records, streaming it once from start to end. Invalid content throws
/// <see cref="RecordFormatException"/> naming the object and, where known, the line.
/// </summary>
public interface IRecordReader
{
    IAsyncEnumerable<SourceRecord> ReadAsync(Stream source, string objectKey, RecordReaderLimits limits, CancellationToken ct);
}
