using System.Net.WebSockets;
using System.Text.Json;
using Alba;
using Shouldly;

namespace PanguGraph.Tests.Platform;

/// <summary>
/// A minimal graphql-transport-ws client over a real WebSocket to the test server.
/// </summary>
public sealed class GraphQLWsClient : IAsyncDisposable
{
    private readonly WebSocket socket;

    private GraphQLWsClient(WebSocket socket) => this.socket = socket;

    public static async Task<GraphQLWsClient> ConnectAsync(IAlbaHost host, string apiKey)
    {
        var client = host.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        var socket = await client.ConnectAsync(new Uri(host.Server.BaseAddress, "graphql"), CancellationToken.None);
        var ws = new GraphQLWsClient(socket);
        await ws.SendAsync(new { type = "connection_init", payload = new { apiKey } });
        var ack = await ws.ReceiveAsync(TimeSpan.FromSeconds(10));
        ack?.GetProperty("type").GetString().ShouldBe("connection_ack");
        return ws;
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    /// <summary>
    /// Sends a ping and waits for the pong. Messages are handled in order, so afterwards every
    /// earlier subscribe has been set up.
    /// </summary>
    public async Task BarrierAsync()
    {
        await SendAsync(new { type = "ping" });
        while (true)
        {
            var message = await ReceiveAsync(TimeSpan.FromSeconds(10)) ?? throw new InvalidOperationException("socket closed before pong");
            if (message.GetProperty("type").GetString() == "pong")
            {
                return;
            }

            Pending.Enqueue(message);
        }
    }

    /// <summary>
    /// Messages that arrived while waiting for a pong.
    /// </summary>
    public Queue<JsonElement> Pending { get; } = new();

    /// <summary>
    /// Collects `next` payloads of a subscription until its `complete` (or an error), within the timeout.
    /// </summary>
    public async Task<List<JsonElement>> CollectUntilCompleteAsync(string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var items = new List<JsonElement>();
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            remaining.ShouldBeGreaterThan(TimeSpan.Zero, $"subscription {id} did not complete in time; got {items.Count} items");
            var message = Pending.Count > 0 ? Pending.Dequeue() : await ReceiveAsync(remaining);
            message.ShouldNotBeNull("the server closed the socket");
            var type = message.Value.GetProperty("type").GetString();
            if (message.Value.TryGetProperty("id", out var messageId) && messageId.GetString() != id)
            {
                continue;
            }

            switch (type)
            {
                case "next":
                    items.Add(message.Value.GetProperty("payload"));
                    break;
                case "complete":
                    return items;
                case "error":
                    throw new InvalidOperationException($"subscription {id} failed: {message.Value}");
            }
        }
    }

    public Task SendAsync(object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    public async Task<JsonElement?> ReceiveAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellation.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
    }

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or WebSocketException)
            {
                // The server may already have closed its side; closing ours is then moot.
            }
        }

        socket.Dispose();
    }
}
