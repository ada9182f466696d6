namespace PanguGraph.GraphQL.Transport.WebSockets;

/// <summary>Close codes that the graphql-transport-ws protocol defines for the server.</summary>
public static class GraphQLWsCloseCodes
{
    public const int InternalServerError = 4500;
    public const int BadRequest = 4400;
    public const int Unauthorized = 4401;
    public const int Forbidden = 4403;
    public const int SubprotocolNotAcceptable = 4406;
    public const int ConnectionInitialisationTimeout = 4408;
    public const int SubscriberAlreadyExists = 4409;
    public const int TooManyInitialisationRequests = 4429;
}

/// <summary>Message types of the graphql-transport-ws protocol.</summary>
public static class GraphQLWsMessageTypes
{
    public const string Subprotocol = "graphql-transport-ws";
    public const string ConnectionInit = "connection_init";
    public const string ConnectionAck = "connection_ack";
    public const string Ping = "ping";
    public const string Pong = "pong";
    public const string Subscribe = "subscribe";
    public const string Next = "next";
    public const string Error = "error";
    public const string Complete = "complete";
}
