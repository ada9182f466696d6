using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using GraphQL;

namespace PanguGraph.GraphQL.Transport.WebSockets;

/// <summary>Accepts WebSocket upgrades on the GraphQL path and runs the graphql-transport-ws protocol.</summary>
public sealed class GraphQLWebSocketEndpoint(
    GraphQLOperationExecutor executor,
    IApiKeyAuthenticator authenticator,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLTransportOptions> options,
    ILogger<GraphQLWebSocketEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var offersProtocol = context.WebSockets.WebSocketRequestedProtocols
            .Contains(GraphQLWsMessageTypes.Subprotocol, StringComparer.Ordinal);
        var acceptContext = new WebSocketAcceptContext
        {
            SubProtocol = offersProtocol ? GraphQLWsMessageTypes.Subprotocol : null,
            KeepAliveInterval = options.Value.WebSocketKeepAliveInterval,
        };
        using var socket = await context.WebSockets.AcceptWebSocketAsync(acceptContext);

        if (!offersProtocol)
        {
            // Close with the protocol's own code because a plain HTTP 400 would not tell the client why.
            logger.LogInformation(
                "GraphQL WebSocket rejected: the client offered subprotocols [{Subprotocols}] but not {Expected}",
                string.Join(", ", context.WebSockets.WebSocketRequestedProtocols), GraphQLWsMessageTypes.Subprotocol);
            await socket.CloseOutputAsync(
                (WebSocketCloseStatus)GraphQLWsCloseCodes.SubprotocolNotAcceptable,
                "Subprotocol not acceptable", context.RequestAborted);
            await AwaitClientCloseAsync(socket, context.RequestAborted);
            return;
        }

        await using var connection = new GraphQLWsConnection(
            socket, context, executor, authenticator, serializer, options.Value, logger);
        await connection.RunAsync(context.RequestAborted);
    }

    /// <summary>Completes the close handshake: waits up to 5 s for the client's close frame.</summary>
    private static async Task AwaitClientCloseAsync(WebSocket socket, CancellationToken requestAborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.CloseSent)
            {
                await socket.ReceiveAsync(buffer, timeout.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The client disconnected without a close frame, so the socket is closed either way.
        }
    }
}
