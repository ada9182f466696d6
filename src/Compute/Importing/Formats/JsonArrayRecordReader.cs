using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace PanguGraph.Compute.Importing.Formats;

/// <summary>
/// Reads a JSON file that is one top-level array of objects, element by element, holding at most
/// one element (up to the record limit) in memory.
/// </summary>
public sealed class JsonArrayRecordReader : IRecordReader
{
    private const int ReadChunkBytes = 64 * 1024;

    public async IAsyncEnumerable<SourceRecord> ReadAsync(
        Stream source, string objectKey, RecordReaderLimits limits, [EnumeratorCancellation] CancellationToken ct)
    {
        var scanner = new Scanner(objectKey, limits.MaxRecordBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
        try
        {
            var start = 0;
            var end = 0;
            var endOfStream = false;
            var firstRead = true;
            var parsed = new List<SourceRecord>();

            while (!scanner.Finished)
            {
                if (!endOfStream)
                {
                    (buffer, start, end) = MakeRoom(buffer, start, end);
                    var read = await source.ReadAsync(buffer.AsMemory(end), ct);
                    endOfStream = read == 0;
                    end += read;
                    if (firstRead && end - start >= 3)
                    {
                        start += buffer.AsSpan(start, end - start).Length - TextEncoding.WithoutByteOrderMark(buffer.AsSpan(start, end - start)).Length;
                        firstRead = false;
                    }
                }

                var consumed = scanner.Scan(buffer.AsSpan(start, end - start), endOfStream, parsed);
                start += consumed;
                foreach (var record in parsed)
                {
                    yield return record;
                }

                parsed.Clear();

                if (!scanner.Finished && consumed == 0 && end - start > limits.MaxRecordBytes + ReadChunkBytes)
                {
                    throw RecordFormatException.RecordTooLarge(objectKey, scanner.ElementCount + 1, limits.MaxRecordBytes);
                }

                if (endOfStream && !scanner.Finished && consumed == 0)
                {
                    throw RecordFormatException.JsonInvalid(objectKey, scanner.ElementCount + 1, "the file ends before the array is closed");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Moves unread bytes to the front and doubles the buffer when they fill it.</summary>
    private static (byte[] Buffer, int Start, int End) MakeRoom(byte[] buffer, int start, int end)
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end < buffer.Length)
        {
            return (buffer, start, end);
        }

        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, end).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return (larger, start, end);
    }

    /// <summary>
    /// Incremental tokenizer state between buffer refills. <see cref="Utf8JsonReader"/> is a ref struct,
    /// so it lives only inside <see cref="Scan"/> and its state is carried in <see cref="JsonReaderState"/>.
    /// </summary>
    private sealed class Scanner(string objectKey, long maxRecordBytes)
    {
        private enum Phase
        {
            BeforeArray,
            InArray,
            AfterArray,
        }

        private JsonReaderState _state = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        private Phase _phase = Phase.BeforeArray;

        /// <summary>Number of elements read so far.</summary>
        public long ElementCount { get; private set; }

        public bool Finished { get; private set; }

        /// <summary>Reads complete elements from <paramref name="data"/> into <paramref name="output"/> and returns the bytes consumed.</summary>
        public int Scan(ReadOnlySpan<byte> data, bool isFinalBlock, List<SourceRecord> output)
        {
            var reader = new Utf8JsonReader(data, isFinalBlock, _state);
            var consumed = 0;
            var stateAtConsumed = _state;
            try
            {
                while (!Finished)
                {
                    var checkpoint = reader;
                    if (!reader.Read())
                    {
                        if (isFinalBlock && _phase == Phase.AfterArray)
                        {
                            Finished = true;
                        }
                        else if (isFinalBlock && _phase == Phase.BeforeArray)
                        {
                            throw RecordFormatException.JsonNotArray(objectKey, "nothing (the file is empty)");
                        }

                        break;
                    }

                    if (_phase == Phase.BeforeArray)
                    {
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            throw RecordFormatException.JsonNotArray(objectKey, DescribeToken(reader.TokenType));
                        }

                        _phase = Phase.InArray;
                    }
                    else if (_phase == Phase.InArray)
                    {
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            _phase = Phase.AfterArray;
                        }
                        else if (!TryReadElement(ref reader, data, output))
                        {
                            reader = checkpoint;
                            break;
                        }
                    }
                    else
                    {
                        throw RecordFormatException.JsonInvalid(objectKey, ElementCount, "there is content after the closing ]");
                    }

                    consumed = (int)reader.BytesConsumed;
                    stateAtConsumed = reader.CurrentState;
                }
            }
            catch (JsonException) when (_phase == Phase.BeforeArray && isFinalBlock && data.Trim(" \t\r\n"u8).IsEmpty)
            {
                throw RecordFormatException.JsonNotArray(objectKey, "nothing (the file is empty)");
            }
            catch (JsonException e)
            {
                throw RecordFormatException.JsonInvalid(
                    objectKey, ElementCount + 1, $"invalid JSON at text line {e.LineNumber + 1}: {e.Message}", e);
            }

            _state = stateAtConsumed;
            return consumed;
        }

        /// <summary>Reads the element that starts at the current token; returns false when it is not complete in <paramref name="data"/>.</summary>
        private bool TryReadElement(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<SourceRecord> output)
        {
            var element = ElementCount + 1;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw RecordFormatException.JsonInvalid(objectKey, element, $"the element is {DescribeToken(reader.TokenType)}, not an object");
            }

            var elementStart = (int)reader.TokenStartIndex;
            if (!reader.TrySkip())
            {
                return false;
            }

            var bytes = data[elementStart..(int)reader.BytesConsumed];
            if (bytes.Length > maxRecordBytes)
            {
                throw RecordFormatException.RecordTooLarge(objectKey, element, maxRecordBytes);
            }

            if (!Utf8.IsValid(bytes))
            {
                throw RecordFormatException.ElementNotUtf8(objectKey, element);
            }

            var value = JsonNode.Parse(bytes, documentOptions: TextEncoding.StrictJson)!.AsObject();
            ElementCount = element;
            output.Add(new SourceRecord(element, value, bytes.Length));
            return true;
        }

        private static string DescribeToken(JsonTokenType token) => token switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => token.ToString(),
        };
    }
}
