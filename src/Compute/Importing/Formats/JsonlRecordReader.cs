using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace PanguGraph.Compute.Importing.Formats;

/// <summary>Reads JSON Lines: one JSON object per line; blank lines are skipped.</summary>
public sealed class JsonlRecordReader : IRecordReader
{
    public async IAsyncEnumerable<SourceRecord> ReadAsync(
        Stream source, string objectKey, RecordReaderLimits limits, [EnumeratorCancellation] CancellationToken ct)
    {
        using var lines = new BoundedLineReader(source, objectKey, limits.MaxRecordBytes);
        while (await lines.ReadLineAsync(ct))
        {
            var record = ParseLine(lines.Current.Span, lines.LineNumber, objectKey);
            if (record is not null)
            {
                yield return record;
            }
        }
    }

    private static SourceRecord? ParseLine(ReadOnlySpan<byte> line, long lineNumber, string objectKey)
    {
        if (lineNumber == 1)
        {
            line = TextEncoding.WithoutByteOrderMark(line);
        }

        if (!Utf8.IsValid(line))
        {
            throw RecordFormatException.TextNotUtf8(objectKey, lineNumber);
        }

        if (line.Trim(" \t"u8).IsEmpty)
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line, documentOptions: TextEncoding.StrictJson);
        }
        catch (JsonException e)
        {
            throw RecordFormatException.JsonlLineInvalid(objectKey, lineNumber, $"invalid JSON at byte {e.BytePositionInLine + 1}: {ParserDetail(e)}", e);
        }

        if (node is not JsonObject value)
        {
            throw RecordFormatException.JsonlLineInvalid(objectKey, lineNumber, $"found {TextEncoding.DescribeNode(node)}");
        }

        return new SourceRecord(lineNumber, value, line.Length);
    }

    /// <summary>
    /// System.Text.Json appends its own "Path: … | LineNumber: 0 | BytePositionInLine: …" to the
    /// message; that position is within the single line and already reported, so it is cut off.
    /// </summary>
    private static string ParserDetail(System.Text.Json.JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
