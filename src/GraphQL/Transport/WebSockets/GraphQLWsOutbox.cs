using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using GraphQL;
using GraphQL.Transport;

namespace PanguGraph.GraphQL.Transport.WebSockets;

/// <summary>
/// The single writer of a WebSocket. Subscription observers, the receive loop and timers
/// enqueue frames without blocking, and one loop sends them in order, because a WebSocket
/// allows only one send at a time.
/// </summary>
public sealed class GraphQLWsOutbox(WebSocket socket, IGraphQLTextSerializer serializer)
{
    private readonly Channel<OutgoingFrame> _frames = Channel.CreateUnbounded<OutgoingFrame>(
        new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Set when a close frame was queued; later frames are dropped.</summary>
    public bool IsClosing { get; private set; }

    public void Send(string type, string? id = null, object? payload = null)
    {
        var message = serializer.Serialize(new OperationMessage { Type = type, Id = id, Payload = payload });
        _frames.Writer.TryWrite(new OutgoingFrame(message, null, null));
    }

    /// <summary>Queues a close frame; only the first close takes effect.</summary>
    public void Close(int code, string reason)
    {
        lock (_frames)
        {
            if (IsClosing)
            {
                return;
            }

            IsClosing = true;
        }

        _frames.Writer.TryWrite(new OutgoingFrame(null, (WebSocketCloseStatus)code, TruncateReason(reason)));
        _frames.Writer.TryComplete();
    }

    /// <summary>Stops accepting frames; the send loop ends after the queued ones.</summary>
    public void Complete() => _frames.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var frame in _frames.Reader.ReadAllAsync(cancellationToken))
        {
            if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return;
            }

            if (frame.CloseStatus is { } status)
            {
                await socket.CloseOutputAsync(status, frame.CloseReason, cancellationToken);
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(frame.Text!);
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
    }

    /// <summary>A close reason is limited to 123 UTF-8 bytes by RFC 6455.</summary>
    private static string TruncateReason(string reason)
    {
        const int maxBytes = 123;
        while (Encoding.UTF8.GetByteCount(reason) > maxBytes)
        {
            reason = reason[..^1];
        }

        return reason;
    }

    private sealed record OutgoingFrame(string? Text, WebSocketCloseStatus? CloseStatus, string? CloseReason);
}
