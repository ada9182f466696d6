using System.Text;

namespace PanguGraph.Compute.Importing.Formats;

/// <summary>
/// Read-only pass-through stream that throws TEXT_NOT_UTF8 with the 1-based line number at the first
/// invalid UTF-8 sequence, including one cut off at the end of the stream. Line numbers count LF bytes,
/// which never occur inside a multi-byte UTF-8 sequence.
/// </summary>
internal sealed class Utf8ValidatingStream(Stream inner, string objectKey) : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
    private long _completedLines;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Validate(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Validate(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Validate(ReadOnlySpan<byte> chunk)
    {
        try
        {
            // flush at end of stream reports a sequence that the last byte left incomplete.
            _decoder.GetCharCount(chunk, flush: chunk.IsEmpty);
        }
        catch (DecoderFallbackException e)
        {
            var before = e.Index >= 0 && e.Index <= chunk.Length ? chunk[..e.Index] : chunk;
            throw RecordFormatException.TextNotUtf8(objectKey, _completedLines + before.Count((byte)'\n') + 1);
        }

        _completedLines += chunk.Count((byte)'\n');
    }
}
