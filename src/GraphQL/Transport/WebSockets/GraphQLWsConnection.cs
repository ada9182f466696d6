using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PanguGraph.Domain.Common;

namespace PanguGraph.GraphQL.Transport.WebSockets;

/// <summary>
/// One graphql-transport-ws connection. Incoming messages are handled strictly in order (the
/// next one is read only after the previous one is handled), so the <c>pong</c> to a <c>ping</c>
/// sent after a <c>subscribe</c> is sent only once that subscription is live.
/// </summary>
public sealed partial class GraphQLWsConnection : IAsyncDisposable
{
    /// <summary>Time the client has to return a close frame before the socket is aborted.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly HttpContext _httpContext;
    private readonly GraphQLOperationExecutor _executor;
    private readonly IApiKeyAuthenticator _authenticator;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly GraphQLTransportOptions _options;
    private readonly ILogger _logger;
    private readonly GraphQLWsOutbox _outbox;
    private readonly CultureInfo _culture;
    private readonly ConcurrentDictionary<string, ActiveOperation> _operations = new();
    private readonly CancellationTokenSource _receiveCancellation = new();

    private volatile bool _initReceived;
    private bool _acknowledged;
    private Caller? _caller;

    public GraphQLWsConnection(
        WebSocket socket,
        HttpContext httpContext,
        GraphQLOperationExecutor executor,
        IApiKeyAuthenticator authenticator,
        IGraphQLTextSerializer serializer,
        GraphQLTransportOptions options,
        ILogger logger)
    {
        _socket = socket;
        _httpContext = httpContext;
        _executor = executor;
        _authenticator = authenticator;
        _serializer = serializer;
        _options = options;
        _logger = logger;
        _outbox = new GraphQLWsOutbox(socket, serializer);
        _culture = RequestCulture.FromHeaders(httpContext.Request.GetTypedHeaders());
        ConnectionId = Guid.NewGuid().ToString("N")[..12];
    }

    public string ConnectionId { get; }

    public async Task RunAsync(CancellationToken requestAborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _receiveCancellation.Token);
        LogConnected(ConnectionId, _httpContext.Connection.RemoteIpAddress?.ToString());

        var sendLoop = _outbox.RunAsync(requestAborted);
        var initTimeout = CloseUnlessInitialisedAsync(linked.Token);
        try
        {
            await ReceiveLoopAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            // The request was aborted, or the client did not return our close frame in time.
        }
        catch (WebSocketException exception)
        {
            LogSocketFailed(exception, ConnectionId);
        }
        finally
        {
            StopAllOperations();
            _outbox.Complete();
            _receiveCancellation.Cancel();
        }

        await IgnoreFailuresAsync(initTimeout);
        await IgnoreFailuresAsync(sendLoop);
        LogDisconnected(ConnectionId, (int?)_socket.CloseStatus, _socket.CloseStatusDescription);
    }

    public ValueTask DisposeAsync()
    {
        StopAllOperations();
        _receiveCancellation.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var message = new MemoryStream();
            while (_socket.State == WebSocketState.Open || _socket.State == WebSocketState.CloseSent)
            {
                var received = await _socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    // Complete the close handshake by echoing the client's code, unless we closed first.
                    _outbox.Close((int)(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure), _socket.CloseStatusDescription ?? "");
                    return;
                }

                if (_outbox.IsClosing)
                {
                    // After our close frame only the client's close frame matters.
                    continue;
                }

                if (received.MessageType == WebSocketMessageType.Binary)
                {
                    Close(GraphQLWsCloseCodes.BadRequest, "Binary messages are not supported");
                    continue;
                }

                message.Write(buffer, 0, received.Count);
                if (message.Length > _options.MaxWebSocketMessageBytes)
                {
                    Close((int)WebSocketCloseStatus.MessageTooBig, $"Message exceeds {_options.MaxWebSocketMessageBytes} bytes");
                    continue;
                }

                if (!received.EndOfMessage)
                {
                    continue;
                }

                var bytes = message.ToArray();
                message.SetLength(0);
                await HandleMessageAsync(bytes, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task HandleMessageAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            Close(GraphQLWsCloseCodes.BadRequest, "Invalid message received: the message is not valid JSON");
            return;
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var typeElement)
                || typeElement.ValueKind != JsonValueKind.String)
            {
                Close(GraphQLWsCloseCodes.BadRequest, "Invalid message received: a message must be an object with a string 'type'");
                return;
            }

            try
            {
                await DispatchAsync(typeElement.GetString()!, root, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                LogMessageFailed(exception, ConnectionId, typeElement.GetString());
                Close(GraphQLWsCloseCodes.InternalServerError, "Internal server error");
            }
        }
    }

    private Task DispatchAsync(string type, JsonElement message, CancellationToken cancellationToken)
    {
        switch (type)
        {
            case GraphQLWsMessageTypes.ConnectionInit:
                return InitialiseAsync(message, cancellationToken);
            case GraphQLWsMessageTypes.Ping:
                _outbox.Send(GraphQLWsMessageTypes.Pong);
                return Task.CompletedTask;
            case GraphQLWsMessageTypes.Pong:
                return Task.CompletedTask;
            case GraphQLWsMessageTypes.Subscribe:
                return SubscribeAsync(message, cancellationToken);
            case GraphQLWsMessageTypes.Complete:
                CompleteFromClient(message);
                return Task.CompletedTask;
            default:
                Close(GraphQLWsCloseCodes.BadRequest, $"Invalid message received: unexpected type '{type}'");
                return Task.CompletedTask;
        }
    }

    private void Close(int code, string reason)
    {
        _outbox.Close(code, reason);
        StopAllOperations();

        // The receive loop keeps reading until the client's close frame arrives, but not forever.
        _receiveCancellation.CancelAfter(CloseHandshakeTimeout);
    }

    private async Task CloseUnlessInitialisedAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(_options.ConnectionInitTimeout, cancellationToken);
        if (!_initReceived)
        {
            Close(GraphQLWsCloseCodes.ConnectionInitialisationTimeout, "Connection initialisation timeout");
        }
    }

    private static async Task IgnoreFailuresAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The socket is already closed, so there is no client to report the failure to.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL WebSocket {ConnectionId} connected from {RemoteAddress}")]
    private partial void LogConnected(string connectionId, string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "GraphQL WebSocket {ConnectionId} disconnected with close status {CloseStatus} ({CloseReason})")]
    private partial void LogDisconnected(string connectionId, int? closeStatus, string? closeReason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GraphQL WebSocket {ConnectionId} failed")]
    private partial void LogSocketFailed(Exception exception, string connectionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL WebSocket {ConnectionId} failed to handle a '{MessageType}' message")]
    private partial void LogMessageFailed(Exception exception, string connectionId, string? messageType);

    [LoggerMessage(Level = LogLevel.Error, Message = "GraphQL WebSocket {ConnectionId} stream of operation {OperationId} failed")]
    private partial void LogStreamFailed(Exception exception, string connectionId, string operationId);
}
