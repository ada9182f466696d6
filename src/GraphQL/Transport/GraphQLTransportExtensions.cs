using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using PanguGraph.GraphQL.Transport.Http;
using PanguGraph.GraphQL.Transport.WebSockets;

namespace PanguGraph.GraphQL.Transport;

public static class GraphQLTransportExtensions
{
    /// <summary>
    /// Registers the transport options (section <c>GraphQL</c>) and the HTTP and WebSocket
    /// endpoints. The schema, the GraphQL.NET services (<c>AddGraphQL</c> with a serializer)
    /// and an <see cref="IApiKeyAuthenticator"/> must be registered separately.
    /// </summary>
    public static IServiceCollection AddPanguGraphQLTransport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphQLTransportOptions>()
            .Bind(configuration.GetSection(GraphQLTransportOptions.SectionName))
            .Validate(options => options.MaxDepth > 0 && options.MaxComplexity > 0 && options.MaxRequestBytes > 0,
                "GraphQL:MaxDepth, GraphQL:MaxComplexity and GraphQL:MaxRequestBytes must be positive.")
            .Validate(options => options.ConnectionInitTimeout > TimeSpan.Zero,
                "GraphQL:ConnectionInitTimeout must be positive, for example 00:00:10.")
            .ValidateOnStart();

        services.AddSingleton<GraphQLOperationExecutor>();
        services.AddSingleton<HttpRequestParsing>();
        services.AddSingleton<GraphQLHttpEndpoint>();
        services.AddSingleton<GraphQLWebSocketEndpoint>();
        return services;
    }

    /// <summary>
    /// Maps GraphQL over HTTP (GET, POST) and WebSocket (graphql-transport-ws) on
    /// <paramref name="path"/>, and serves <c>wwwroot/graphiql/</c> under <c>/graphiql/</c>.
    /// Adds the WebSocket and static-file middleware itself, so the host must not add them again.
    /// </summary>
    public static WebApplication MapPanguGraphQL(this WebApplication app, string path = "/graphql")
    {
        app.UseWebSockets();
        MapGraphiQLAssets(app);

        app.Map(path, async context =>
        {
            if (context.WebSockets.IsWebSocketRequest)
            {
                await context.RequestServices.GetRequiredService<GraphQLWebSocketEndpoint>().HandleAsync(context);
                return;
            }

            await context.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(context);
        });
        return app;
    }

    private static void MapGraphiQLAssets(WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<GraphQLTransportOptions>>().Value.EnableGraphiQL)
        {
            return;
        }

        var webRoot = app.Environment.WebRootPath;
        var folder = webRoot is null ? null : Path.Combine(webRoot, "graphiql");
        if (folder is null || !Directory.Exists(folder))
        {
            return;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = new PathString("/graphiql"),
            FileProvider = new PhysicalFileProvider(folder),
        });
    }
}
