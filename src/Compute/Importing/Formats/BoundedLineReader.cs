using System.Buffers;

namespace PanguGraph.Compute.Importing.Formats;

/// <summary>
/// Splits a UTF-8 byte stream into lines ending in LF or CR LF, holding at most one line of
/// <c>maxLineBytes</c> in memory. A longer line throws RECORD_TOO_LARGE as soon as the limit is
/// passed, so the rest of that line is never buffered.
/// </summary>
internal sealed class BoundedLineReader : IDisposable
{
    private const int ReadChunkBytes = 64 * 1024;

    private readonly Stream _source;
    private readonly string _objectKey;
    private readonly long _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private bool _endOfStream;

    public BoundedLineReader(Stream source, string objectKey, long maxLineBytes)
    {
        _source = source;
        _objectKey = objectKey;
        _maxLineBytes = maxLineBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(ReadChunkBytes);
    }

    /// <summary>Content of the current line without its line break.</summary>
    public ReadOnlyMemory<byte> Current { get; private set; }

    /// <summary>1-based number of the current line.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Advances to the next line; returns false at the end of the stream.</summary>
    public async ValueTask<bool> ReadLineAsync(CancellationToken ct)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = _scanned + newline;
                TakeLine(lineEnd, lineEnd + 1);
                return true;
            }

            _scanned = _end;
            if (_end - _start > _maxLineBytes + 1)
            {
                // +1 leaves room for the CR of a CR LF line break.
                throw RecordFormatException.RecordTooLarge(_objectKey, LineNumber + 1, _maxLineBytes);
            }

            if (_endOfStream)
            {
                if (_end == _start)
                {
                    Current = ReadOnlyMemory<byte>.Empty;
                    return false;
                }

                // A last line without a line break still counts.
                TakeLine(_end, _end);
                return true;
            }

            await FillAsync(ct);
        }
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private void TakeLine(int lineEnd, int next)
    {
        var contentEnd = lineEnd > _start && _buffer[lineEnd - 1] == (byte)'\r' ? lineEnd - 1 : lineEnd;
        LineNumber++;
        if (contentEnd - _start > _maxLineBytes)
        {
            throw RecordFormatException.RecordTooLarge(_objectKey, LineNumber, _maxLineBytes);
        }

        Current = _buffer.AsMemory(_start, contentEnd - _start);
        _start = next;
        _scanned = next;
    }

    private async ValueTask FillAsync(CancellationToken ct)
    {
        // Move the unfinished line to the front, and grow the buffer only when that line fills it.
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await _source.ReadAsync(_buffer.AsMemory(_end), ct);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
    }
}
