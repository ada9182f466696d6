using System.Text;
using Parquet.Serialization;
using PanguGraph.Compute.Importing.Formats;
using PanguGraph.Tests.Storage;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Importing.Formats;

public sealed class RecordReaderTests
{
    private static readonly RecordReaderLimits Limits = RecordReaderLimits.Default;

    [Fact]
    public async Task jsonl_reads_objects_and_skips_blank_lines()
    {
        var records = await ReadAsync(DataFormat.Jsonl, "a.jsonl", "{\"a\":1}\r\n\n  \n{\"b\":\"你好\"}");

        records.Select(record => record.Line).ShouldBe([1L, 4L]);
        records[0].Value["a"]!.GetValue<int>().ShouldBe(1);
        records[1].Value["b"]!.GetValue<string>().ShouldBe("你好");
        records[1].Bytes.ShouldBe(Encoding.UTF8.GetByteCount("{\"b\":\"你好\"}"));
    }

    [Theory]
    [InlineData("{\"a\":1}\n42\n", 2L)]
    [InlineData("{\"a\":1}\n[1,2]\n", 2L)]
    [InlineData("{\"a\":1}\n{\"a\":1,\"a\":2}\n", 2L)]
    [InlineData("{\"a\":1}\n{\"a\":\n{\"b\":2}\n", 2L)]
    public async Task jsonl_rejects_line_that_is_not_object(string text, long line)
    {
        var error = await ReadFailureAsync(DataFormat.Jsonl, "bad.jsonl", Encoding.UTF8.GetBytes(text));

        error.Code.ShouldBe(RecordErrorCodes.JsonlLineInvalid);
        error.ObjectKey.ShouldBe("bad.jsonl");
        error.Line.ShouldBe(line);
        error.MessageEn.ShouldContain("bad.jsonl");
        error.MessageZh.ShouldContain($"第 {line} 行");
    }

    [Fact]
    public async Task jsonl_rejects_invalid_utf8_with_line()
    {
        byte[] content = [.. "{\"a\":1}\n{\"a\":\""u8, 0xC3, 0x28, .. "\"}\n"u8];

        var error = await ReadFailureAsync(DataFormat.Jsonl, "gbk.jsonl", content);

        error.Code.ShouldBe(RecordErrorCodes.TextNotUtf8);
        error.Line.ShouldBe(2);
    }

    [Fact]
    public async Task jsonl_rejects_line_over_limit()
    {
        var text = "{\"a\":1}\n{\"long\":\"" + new string('x', 5000) + "\"}\n";

        var error = await ReadFailureAsync(DataFormat.Jsonl, "long.jsonl", Encoding.UTF8.GetBytes(text), new RecordReaderLimits(1000));

        error.Code.ShouldBe(RecordErrorCodes.RecordTooLarge);
        error.Line.ShouldBe(2);
    }

    [Fact]
    public async Task jsonl_rejects_endless_line_without_reading_it_all()
    {
        // 100 MB without a line break: the reader must fail after about one record limit.
        var source = new EndlessLineStream(100_000_000);

        var error = await Should.ThrowAsync<RecordFormatException>(async () =>
            await RecordReaderFactory.For(DataFormat.Jsonl).ReadAsync(source, "endless.jsonl", new RecordReaderLimits(4096), default).ToListAsync());

        error.Code.ShouldBe(RecordErrorCodes.RecordTooLarge);
        error.Line.ShouldBe(1);
        source.BytesRead.ShouldBeLessThan(1_000_000);
    }

    [Fact]
    public async Task jsonl_streams_50_mb_through_forward_only_stream()
    {
        var line = Encoding.UTF8.GetBytes("{\"text\":\"" + new string('y', 1000) + "\",\"n\":1}\n");
        const int lineCount = 50_000;
        var content = new byte[line.Length * lineCount];
        for (var i = 0; i < lineCount; i++)
        {
            line.CopyTo(content, i * line.Length);
        }

        long count = 0;
        long lastLine = 0;
        await foreach (var record in RecordReaderFactory.For(DataFormat.Jsonl).ReadAsync(new ForwardOnlyStream(content), "big.jsonl", Limits, default))
        {
            count++;
            lastLine = record.Line;
        }

        count.ShouldBe(lineCount);
        lastLine.ShouldBe(lineCount);
    }

    [Fact]
    public async Task json_array_reads_elements_in_order()
    {
        var elements = Enumerable.Range(1, 3000).Select(i => $"{{\"i\":{i},\"s\":\"{new string('z', i % 50)}\"}}");
        var text = "\uFEFF[\n" + string.Join(",\n", elements) + "\n]\n";

        var records = await ReadAsync(DataFormat.Json, "a.json", text);

        records.Count.ShouldBe(3000);
        records[2999].Line.ShouldBe(3000);
        records[2999].Value["i"]!.GetValue<int>().ShouldBe(3000);
    }

    [Fact]
    public async Task json_empty_array_has_no_records()
    {
        (await ReadAsync(DataFormat.Json, "empty.json", " [ ] ")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("{\"a\":1}", RecordErrorCodes.JsonNotArray, null)]
    [InlineData("", RecordErrorCodes.JsonNotArray, null)]
    [InlineData("[{\"a\":1}, 5]", RecordErrorCodes.JsonInvalid, 2L)]
    [InlineData("[{\"a\":1}, {\"a\":}]", RecordErrorCodes.JsonInvalid, 2L)]
    [InlineData("[{\"a\":1}, {\"b\":2}", RecordErrorCodes.JsonInvalid, 3L)]
    [InlineData("[{\"a\":1}] x", RecordErrorCodes.JsonInvalid, 2L)]
    public async Task json_rejects_invalid_content(string text, string code, long? line)
    {
        var error = await ReadFailureAsync(DataFormat.Json, "bad.json", Encoding.UTF8.GetBytes(text));

        error.Code.ShouldBe(code);
        error.ObjectKey.ShouldBe("bad.json");
        error.Line.ShouldBe(line);
        error.MessageZh.ShouldContain("bad.json");
    }

    [Fact]
    public async Task json_rejects_invalid_utf8_with_element()
    {
        byte[] content = [.. "[{\"a\":1},\n{\"a\":\""u8, 0xC3, 0x28, .. "\"}]"u8];

        var error = await ReadFailureAsync(DataFormat.Json, "gbk.json", content);

        error.Code.ShouldBe(RecordErrorCodes.TextNotUtf8);
        error.Line.ShouldBe(2);
    }

    [Fact]
    public async Task json_rejects_element_over_limit()
    {
        var text = "[{\"a\":1},{\"big\":\"" + new string('x', 200_000) + "\"}]";

        var error = await ReadFailureAsync(DataFormat.Json, "big.json", Encoding.UTF8.GetBytes(text), new RecordReaderLimits(10_000));

        error.Code.ShouldBe(RecordErrorCodes.RecordTooLarge);
        error.Line.ShouldBe(2);
    }

    [Fact]
    public async Task csv_reads_rows_with_quoted_fields()
    {
        var records = await ReadAsync(DataFormat.Csv, "a.csv", "name,note\r\nalpha,\"x, y\"\r\n\"be\"\"ta\",\"line1\nline2\"\r\ngamma,\r\n");

        records.Count.ShouldBe(3);
        records[0].Line.ShouldBe(2);
        records[0].Value["note"]!.GetValue<string>().ShouldBe("x, y");
        records[1].Value["name"]!.GetValue<string>().ShouldBe("be\"ta");
        records[1].Value["note"]!.GetValue<string>().ShouldBe("line1\nline2");
        records[2].Line.ShouldBe(5);
        records[2].Value["note"]!.GetValue<string>().ShouldBe("");
    }

    [Fact]
    public async Task csv_rejects_ragged_row()
    {
        var error = await ReadFailureAsync(DataFormat.Csv, "r.csv", "a,b\n1,2\n3\n"u8.ToArray());

        error.Code.ShouldBe(RecordErrorCodes.CsvRaggedRow);
        error.Line.ShouldBe(3);
        error.MessageEn.ShouldContain("1 columns but the header has 2");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a,,c\n1,2,3\n")]
    [InlineData("a,a\n1,2\n")]
    public async Task csv_rejects_missing_header(string text)
    {
        var error = await ReadFailureAsync(DataFormat.Csv, "h.csv", Encoding.UTF8.GetBytes(text));

        error.Code.ShouldBe(RecordErrorCodes.CsvHeaderMissing);
        error.Line.ShouldBe(1);
    }

    [Fact]
    public async Task csv_rejects_invalid_utf8_with_line()
    {
        byte[] content = [.. "a,b\n1,2\n3,4\n5,"u8, 0xB9, 0xFA, 0xFF, .. "\n"u8];

        var error = await ReadFailureAsync(DataFormat.Csv, "gbk.csv", content);

        error.Code.ShouldBe(RecordErrorCodes.TextNotUtf8);
        error.Line.ShouldBe(4);
    }

    [Fact]
    public async Task csv_rejects_row_over_limit()
    {
        var text = "a,b\n1,2\n3,\"" + new string('x', 300_000) + "\"\n";

        var error = await ReadFailureAsync(DataFormat.Csv, "big.csv", Encoding.UTF8.GetBytes(text), new RecordReaderLimits(10_000));

        error.Code.ShouldBe(RecordErrorCodes.RecordTooLarge);
    }

    [Fact]
    public async Task parquet_reads_rows_as_objects()
    {
        var rows = Enumerable.Range(1, 250).Select(i => new ParquetRow { Id = i, Name = $"row {i}", Score = i / 4.0 }).ToList();
        using var file = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, file, new Parquet.ParquetOptions { RowGroupSize = 100 });

        var records = await ReadAsync(DataFormat.Parquet, "a.parquet", file.ToArray());

        records.Count.ShouldBe(250);
        records[249].Line.ShouldBe(250);
        records[249].Value["Id"]!.GetValue<int>().ShouldBe(250);
        records[249].Value["Name"]!.GetValue<string>().ShouldBe("row 250");
        records[1].Value["Score"]!.GetValue<double>().ShouldBe(0.5);
    }

    [Fact]
    public async Task parquet_rejects_non_parquet_bytes()
    {
        var error = await ReadFailureAsync(DataFormat.Parquet, "fake.parquet", "a,b\n1,2\n"u8.ToArray());

        error.Code.ShouldBe(RecordErrorCodes.ParquetInvalid);
        error.Line.ShouldBeNull();
        error.MessageEn.ShouldContain("fake.parquet");
    }

    [Fact]
    public async Task media_file_yields_one_record_with_hash()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[1000]];

        var records = await RecordReaderFactory.For(DataFormat.MediaFile, MediaKind.Image)
            .ReadAsync(new ForwardOnlyStream(png), "img/cat.PNG", Limits, default).ToListAsync();

        records.Count.ShouldBe(1);
        records[0].Value["mediaType"]!.GetValue<string>().ShouldBe("image/png");
        records[0].Value["sizeBytes"]!.GetValue<long>().ShouldBe(png.Length);
        records[0].Value["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)));
    }

    private static async Task<List<SourceRecord>> ReadAsync(DataFormat format, string key, string text) =>
        await ReadAsync(format, key, Encoding.UTF8.GetBytes(text));

    private static async Task<List<SourceRecord>> ReadAsync(DataFormat format, string key, byte[] content) =>
        await RecordReaderFactory.For(format).ReadAsync(new ForwardOnlyStream(content), key, Limits, default).ToListAsync();

    private static async Task<RecordFormatException> ReadFailureAsync(
        DataFormat format, string key, byte[] content, RecordReaderLimits? limits = null) =>
        await Should.ThrowAsync<RecordFormatException>(async () =>
            await RecordReaderFactory.For(format).ReadAsync(new ForwardOnlyStream(content), key, limits ?? Limits, default).ToListAsync());

    public sealed class ParquetRow
    {
        public int Id { get; set; }

        public string Name { get; set; } = "";

        public double Score { get; set; }
    }

    /// <summary>Stream of '{"a":"xxxx…' that never contains a line break, counting what was read.</summary>
    private sealed class EndlessLineStream(long length) : ForwardOnlyStream([])
    {
        private long _position;

        public long BytesRead => _position;

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - _position);
            buffer[..count].Fill((byte)'x');
            _position += count;
            return count;
        }
    }
}
