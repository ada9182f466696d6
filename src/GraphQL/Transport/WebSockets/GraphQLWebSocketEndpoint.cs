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
            // The protocol's own close code, so that clients can tell why; a plain 400 would not say.
            logger.LogInformation(
                "GraphQL WebSocket rejected: the client offered subprotocols [{Subprotocols}] but not {Expected}",
                string.Join(", ", context.WebSockets.WebSocketRequestedProtocols), GraphQLWsMessageTypes.Subprotocol);
            await socket.CloseOutputAsync(
                (System.Net.WebSockets.WebSocketCloseStatus)GraphQLWsCloseCodes.SubprotocolNotAcceptable,
                "Subprotocol not acceptable", context.RequestAborted);
            return;
        }

        await using var connection = new GraphQLWsConnection(
            socket, context, executor, authenticator, serializer, options.Value, logger);
        await connection.RunAsync(context.RequestAborted);
    }
}
