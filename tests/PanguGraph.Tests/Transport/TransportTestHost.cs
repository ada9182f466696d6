using System.Collections.Concurrent;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PanguGraph.GraphQL.Transport;

namespace PanguGraph.Tests.Transport;

/// <summary>A web host on TestServer with the transports, the test schema and optional GraphQL settings.</summary>
public sealed class TransportTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TransportTestHost(WebApplication app)
    {
        _app = app;
        Server = app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>() as TestServer;
        Ticks = app.Services.GetRequiredService<TickSource>();
        Logs = app.Services.GetRequiredService<CapturedLogs>();
    }

    /// <summary>The in-memory server, or null when the host listens on a real Kestrel URL.</summary>
    public TestServer? Server { get; }

    public TickSource Ticks { get; }

    public CapturedLogs Logs { get; }

    public static async Task<TransportTestHost> StartAsync(
        IDictionary<string, string?>? settings = null, string? webRoot = null, string? kestrelUrl = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            WebRootPath = webRoot,
        });
        if (kestrelUrl is null)
        {
            builder.WebHost.UseTestServer();
        }
        else
        {
            builder.WebHost.UseUrls(kestrelUrl);
        }

        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());

        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Information);

        builder.Services.AddSingleton(logs);
        builder.Services.AddSingleton<TickSource>();
        builder.Services.AddSingleton<Counter>();
        builder.Services.AddSingleton<IApiKeyAuthenticator, FixedKeyAuthenticator>();
        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSchema<TransportTestSchema>()
            .AddSystemTextJson()
            .AddGraphTypes(typeof(TransportTestSchema).Assembly));
        builder.Services.AddPanguGraphQLTransport(builder.Configuration);

        var app = builder.Build();
        app.MapPanguGraphQL();
        await app.StartAsync();
        return new TransportTestHost(app);
    }

    public HttpClient CreateClient() => Server!.CreateClient();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Log lines written by the host, for checks on what the transports log.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(_entries);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(LogLevel, string, Exception?)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, formatter(state, exception), exception));
    }
}
