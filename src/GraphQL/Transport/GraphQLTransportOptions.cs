namespace PanguGraph.GraphQL.Transport;

/// <summary>
/// Limits and switches of the GraphQL HTTP and WebSocket transports, bound from the
/// <c>GraphQL</c> configuration section.
/// </summary>
public sealed class GraphQLTransportOptions
{
    public const string SectionName = "GraphQL";

    /// <summary>Maximum nesting depth of a selection set; the root fields are depth 1.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// Maximum document complexity as computed by GraphQL.NET's complexity analyzer
    /// (1 per field, and list fields multiply their children by 5 unless the schema sets another impact).
    /// </summary>
    public int MaxComplexity { get; set; } = 5000;

    /// <summary>Maximum size of a POST body in bytes (default 256 KiB).</summary>
    public long MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>When false, documents that select <c>__schema</c> or <c>__type</c> are rejected.</summary>
    public bool EnableIntrospection { get; set; } = true;

    /// <summary>When true, a browser GET without a query receives the GraphiQL page.</summary>
    public bool EnableGraphiQL { get; set; } = true;

    /// <summary>
    /// Time a WebSocket client has to send <c>connection_init</c> before the server closes
    /// the socket with code 4408.
    /// </summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval of WebSocket keep-alive frames sent by ASP.NET Core.</summary>
    public TimeSpan WebSocketKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Maximum size of one incoming WebSocket message in bytes.</summary>
    public int MaxWebSocketMessageBytes { get; set; } = 256 * 1024;
}
