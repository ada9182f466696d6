namespace PanguGraph.Tests.Storage;

/// <summary>Read-only stream over bytes that cannot seek and never reports its length, like a network body.</summary>
public class ForwardOnlyStream(byte[] content) : Stream
{
    private int _position;

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
        // Short reads on purpose: callers must loop.
        var count = Math.Min(Math.Min(buffer.Length, 64 * 1024 + 7), content.Length - _position);
        BeforeRead(_position, count);
        content.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    protected virtual void BeforeRead(int position, int count)
    {
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Stream that throws <see cref="IOException"/> once a read reaches <paramref name="failAfter"/> bytes.</summary>
public sealed class FailingStream(byte[] content, int failAfter) : ForwardOnlyStream(content)
{
    protected override void BeforeRead(int position, int count)
    {
        if (position + count > failAfter)
        {
            throw new IOException($"Source stream failed at byte {failAfter}.");
        }
    }
}
