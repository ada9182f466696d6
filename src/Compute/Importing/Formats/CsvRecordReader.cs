using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using CsvHelper;

namespace PanguGraph.Compute.Importing.Formats;

/// <summary>
/// Reads RFC 4180 CSV with a header row into objects whose properties are the header names and
/// whose values are strings. Every row must have as many fields as the header.
/// </summary>
public sealed class CsvRecordReader : IRecordReader
{
    public async IAsyncEnumerable<SourceRecord> ReadAsync(
        Stream source, string objectKey, RecordReaderLimits limits, [EnumeratorCancellation] CancellationToken ct)
    {
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MalformedData = CsvMalformedDataHandling.Throw,
            MaxRecordSize = checked((int)limits.MaxRecordBytes),
        };

        await using var validated = new Utf8ValidatingStream(source, objectKey);
        await using var csv = CsvReader.Create(validated, options, leaveOpen: true);

        var headers = await ReadHeaderAsync(csv, objectKey, limits, ct);
        while (await ReadRowAsync(csv, objectKey, limits, ct))
        {
            var line = csv.LineNumber;
            if (csv.FieldCount != headers.Count)
            {
                throw RecordFormatException.CsvRaggedRow(objectKey, line, csv.FieldCount, headers.Count);
            }

            var value = new JsonObject();
            long bytes = 0;
            for (var i = 0; i < headers.Count; i++)
            {
                value[headers[i]] = csv.GetString(i);
                bytes += csv.GetRawSpan(i).Length + 1;
            }

            yield return new SourceRecord(line, value, bytes - 1);
        }
    }

    private static async Task<IReadOnlyList<string>> ReadHeaderAsync(
        CsvReader csv, string objectKey, RecordReaderLimits limits, CancellationToken ct)
    {
        try
        {
            await csv.ReadHeaderAsync(ct);
        }
        catch (CsvFormatException e)
        {
            throw Translate(e, objectKey, limits);
        }

        var headers = csv.Headers.ToList();
        if (headers.Count == 0)
        {
            throw RecordFormatException.CsvHeaderMissing(objectKey, "the file is empty");
        }

        var blank = headers.FindIndex(string.IsNullOrWhiteSpace);
        if (blank >= 0)
        {
            throw RecordFormatException.CsvHeaderMissing(objectKey, $"column {blank + 1} has no name");
        }

        var duplicate = headers.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw RecordFormatException.CsvHeaderMissing(objectKey, $"column name '{duplicate.Key}' appears more than once");
        }

        return headers;
    }

    private static async ValueTask<bool> ReadRowAsync(CsvReader csv, string objectKey, RecordReaderLimits limits, CancellationToken ct)
    {
        try
        {
            return await csv.ReadAsync(ct);
        }
        catch (CsvFormatException e)
        {
            throw Translate(e, objectKey, limits);
        }
    }

    private static RecordFormatException Translate(CsvFormatException e, string objectKey, RecordReaderLimits limits)
    {
        long? line = e.LineNumber > 0 ? e.LineNumber : null;

        // NOTE: CsvHelper 34 reports an oversized record and malformed quoting with the same exception
        // type, so the message text decides which code is reported.
        return e.Message.Contains("MaxRecordSize", StringComparison.Ordinal) || e.Message.Contains("larger than", StringComparison.OrdinalIgnoreCase)
            ? RecordFormatException.RecordTooLarge(objectKey, line, limits.MaxRecordBytes)
            : RecordFormatException.CsvQuoteInvalid(objectKey, line, e);
    }
}
