using System.Net.WebSockets;
using System.Text.Json;
using Alba;

namespace PanguGraph.Bench.Platform;

/// <summary>
/// A minimal graphql-transport-ws client over a WebSocket to the node's TestServer.
/// </summary>
public sealed class GraphQLWsClient : IAsyncDisposable
{
    private readonly WebSocket socket;
    private readonly byte[] buffer = new byte[64 * 1024];

    private GraphQLWsClient(WebSocket socket) => this.socket = socket;

    public static async Task<GraphQLWsClient> ConnectAsync(IAlbaHost host, string apiKey)
    {
        var client = host.Server.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        var socket = await client.ConnectAsync(new Uri(host.Server.BaseAddress, "graphql"), CancellationToken.None);
        var ws = new GraphQLWsClient(socket);
        await ws.SendAsync(new { type = "connection_init", payload = new { apiKey } });
        var ack = await ws.ReceiveAsync(CancellationToken.None);
        if (ack?.GetProperty("type").GetString() != "connection_ack")
        {
            throw new InvalidOperationException($"Expected connection_ack, received: {ack}");
        }

        return ws;
    }

    public Task SubscribeAsync(string id, string query, object? variables = null) =>
        SendAsync(new { id, type = "subscribe", payload = new { query, variables } });

    public Task SendAsync(object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Receives the next message, or null when the server closed the socket.</summary>
    public async Task<JsonElement?> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
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

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
            catch (IOException)
            {
                // The server closed its side first; there is nothing left to close.
            }
        }

        socket.Dispose();
    }
}
