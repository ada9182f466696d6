using System.Net.Http.Json;
using System.Text.Json;
using Alba;
using Microsoft.AspNetCore.Hosting;

namespace PanguGraph.Bench.Platform;

/// <summary>
/// A PanguGraph node (the real host on TestServer) against the PostgreSQL, Redis and S3 named by the
/// environment (scripts/services.sh env test), with helpers to drive it over GraphQL.
/// </summary>
public sealed class BenchNode(IAlbaHost host) : IAsyncDisposable
{
    public const string AdminKey = "pg_benchadmin0000000000000000000000000000000";

    private const string ContentRootVariable = "ASPNETCORE_TEST_CONTENTROOT_PANGUGRAPH";

    public IAlbaHost Host { get; } = host;

    public IServiceProvider Services => Host.Services;

    /// <summary>
    /// Starts a node. With <paramref name="workerEnabled"/> false the node does not listen to the job
    /// queues, so import tasks created on it stay queued.
    /// </summary>
    public static async Task<BenchNode> StartAsync(bool workerEnabled)
    {
        // WebApplicationFactory looks for the app's content root through a manifest that only test projects
        // get; this variable points it at the output directory, which holds the app's appsettings.json.
        if (Environment.GetEnvironmentVariable(ContentRootVariable) is null)
        {
            Environment.SetEnvironmentVariable(ContentRootVariable, AppContext.BaseDirectory);
        }

        var host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("Pangu:Bootstrap:AdminApiKey", AdminKey);
            builder.UseSetting("Pangu:Worker:Enabled", workerEnabled ? "true" : "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:PanguGraph", "Warning");

            // Wolverine warns that a second host in one process does not scan its app assembly for handlers;
            // HostSetup names the handler assembly explicitly, so the warning does not apply here.
            builder.UseSetting("Logging:LogLevel:Wolverine.Runtime.WolverineRuntime", "Error");
        }).StartAsync();
        return new BenchNode(host);
    }

    /// <summary>Posts a GraphQL request and returns the `data` object; GraphQL errors throw.</summary>
    public async Task<JsonElement> GraphQLAsync(string apiKey, string query, object? variables = null)
    {
        using var client = Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Authorization = new("Bearer", apiKey);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var root = JsonDocument.Parse(body).RootElement.Clone();
        if (root.TryGetProperty("errors", out var errors) && errors.GetArrayLength() > 0)
        {
            throw new InvalidOperationException($"GraphQL request failed with HTTP {(int)response.StatusCode}: {body}");
        }

        return root.GetProperty("data");
    }

    /// <summary>
    /// Creates a space and a member with the ADMIN role in it, and returns the space id and that member's API key.
    /// </summary>
    public async Task<(Guid SpaceId, string ApiKey)> CreateSpaceAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var created = await GraphQLAsync(AdminKey, """
            mutation($input: CreateSpaceInput!) { createSpace(input: $input) { space { id } errors { code message } } }
            """, new { input = new { name = $"bench-{suffix}" } });
        var spaceId = Guid.Parse(RequireNoErrors(created, "createSpace").GetProperty("space").GetProperty("id").GetString()!);

        var userId = $"bench-admin-{suffix}";
        var added = await GraphQLAsync(AdminKey, """
            mutation($input: AddMemberInput!) { addMember(input: $input) { errors { code message } } }
            """, new { input = new { spaceId, userId, role = "ADMIN" } });
        RequireNoErrors(added, "addMember");

        var issued = await GraphQLAsync(AdminKey, """
            mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { apiKey errors { code message } } }
            """, new { input = new { userId, label = "benchmark" } });
        return (spaceId, RequireNoErrors(issued, "issueApiKey").GetProperty("apiKey").GetString()!);
    }

    /// <summary>Creates an import task for every JSONL object under <paramref name="prefix"/> and returns its id.</summary>
    public async Task<Guid> CreateImportTaskAsync(string apiKey, Guid spaceId, string bucket, string prefix)
    {
        var data = await GraphQLAsync(apiKey, """
            mutation($input: CreateImportTaskInput!) {
              createImportTask(input: $input) { importTask { id } errors { code message field } }
            }
            """, new
        {
            input = new
            {
                spaceId,
                datasetName = $"bench-{Guid.NewGuid():N}"[..24],
                description = "benchmark import",
                modality = "TEXT",
                format = "JSONL",
                source = new { bucket, prefix },
            },
        });
        return Guid.Parse(RequireNoErrors(data, "createImportTask").GetProperty("importTask").GetProperty("id").GetString()!);
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    private static JsonElement RequireNoErrors(JsonElement data, string field)
    {
        var payload = data.GetProperty(field);
        if (payload.GetProperty("errors").GetArrayLength() > 0)
        {
            throw new InvalidOperationException($"{field} was rejected: {payload}");
        }

        return payload;
    }
}
