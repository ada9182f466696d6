using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PanguGraph.Compute.Storage;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Platform;

/// <summary>
/// A full PanguGraph node (API and worker) on TestServer against the real PostgreSQL, Redis and
/// S3 that test.sh starts. The database outlives test runs, so every test creates its own space,
/// users and buckets with unique names.
/// </summary>
public sealed class PlatformHost : IAsyncLifetime
{
    public const string AdminKey = "pg_testadmin00000000000000000000000000000000";

    public IAlbaHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await StartNodeAsync(workerEnabled: true);

    /// <summary>
    /// Helpers for a node that a test started itself; the caller disposes the node.
    /// </summary>
    public static PlatformHost Wrap(IAlbaHost host) => new() { Host = host };

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>
    /// Starts a node. Tests that need a second node (fan-out, worker hand-over) call this directly.
    /// </summary>
    public static async Task<IAlbaHost> StartNodeAsync(bool workerEnabled, IDictionary<string, string?>? settings = null) =>
        await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("Pangu:Bootstrap:AdminApiKey", AdminKey);
            builder.UseSetting("Pangu:Worker:Enabled", workerEnabled ? "true" : "false");
            builder.UseSetting("Import:ProgressInterval", "00:00:00.200");
            builder.UseSetting("Processing:RecordsPerShard", "100");
            builder.UseSetting("Processing:DelayPerBatch", "00:00:00.020");
            builder.UseSetting("Processing:ProgressInterval", "00:00:00.200");
            builder.UseSetting("Annotation:PreAnnotation:Timeout", "00:00:02");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:PanguGraph", "Warning");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
        }).StartAsync();

    public IObjectStorage Storage => Host.Services.GetRequiredService<IObjectStorage>();

    public Task<GraphQLResponse> GraphQL(string? apiKey, string query, object? variables = null, string? language = null) =>
        SendGraphQL(Host, apiKey, query, variables, language);

    public static async Task<GraphQLResponse> SendGraphQL(IAlbaHost host, string? apiKey, string query, object? variables = null, string? language = null)
    {
        using var client = host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        if (apiKey is not null)
        {
            request.Headers.Authorization = new("Bearer", apiKey);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone(), body);
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];

    /// <summary>
    /// Creates a space owned by a fresh admin user and returns its id and that admin's key.
    /// </summary>
    public async Task<TestSpace> CreateSpaceAsync(string? name = null)
    {
        var response = await GraphQL(AdminKey, """
            mutation($input: CreateSpaceInput!) { createSpace(input: $input) { space { id } errors { code message } } }
            """, new { input = new { name = name ?? Unique("space") } });
        var payload = response.Data("createSpace");
        payload.GetProperty("errors").GetArrayLength().ShouldBe(0, response.Raw);
        var spaceId = payload.GetProperty("space").GetProperty("id").GetString()!;
        var space = new TestSpace(this, Guid.Parse(spaceId));
        space.AdminUserId = Unique("admin");
        space.AdminKey = await space.AddMemberAsync(space.AdminUserId, "ADMIN");
        return space;
    }

    public async Task<string> CreateBucketWithAsync(params (string Key, string Content)[] objects)
    {
        var bucket = $"src-{Guid.NewGuid():N}"[..20];
        await Storage.EnsureBucketAsync(bucket, CancellationToken.None);
        foreach (var (key, content) in objects)
        {
            await PutAsync(bucket, key, Encoding.UTF8.GetBytes(content));
        }

        return bucket;
    }

    public async Task PutAsync(string bucket, string key, byte[] content)
    {
        await using var stream = new MemoryStream(content);
        await Storage.UploadAsync(bucket, key, stream, "application/octet-stream", CancellationToken.None);
    }

    /// <summary>
    /// Polls the import task until it leaves Queued/Running, for at most <paramref name="timeout"/>.
    /// </summary>
    public async Task<JsonElement> WaitForImportAsync(string apiKey, string taskId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var response = await GraphQL(apiKey, """
                query($id: ID!) { importTask(id: $id) { id status datasetId recordsImported bytesRead objectCount objectsDone attempt
                  failure { code message objectKey line } } }
                """, new { id = taskId });
            var task = response.Data("importTask");
            var status = task.GetProperty("status").GetString();
            if (status is "SUCCEEDED" or "FAILED")
            {
                return task;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Import task {taskId} is still {status} after the timeout: {response.Raw}");
            }

            await Task.Delay(100);
        }
    }
}

public sealed record GraphQLResponse(int StatusCode, JsonElement Root, string Raw)
{
    public JsonElement Data(string field)
    {
        Root.TryGetProperty("data", out var data).ShouldBeTrue(Raw);
        data.ValueKind.ShouldBe(JsonValueKind.Object, Raw);
        return data.GetProperty(field);
    }

    public IReadOnlyList<JsonElement> Errors =>
        Root.TryGetProperty("errors", out var errors) ? errors.EnumerateArray().ToList() : [];

    public string? FirstErrorCode =>
        Errors.Count == 0 ? null : Errors[0].TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("code", out var code) ? code.GetString() : null;
}

/// <summary>
/// A space created for one test, with helpers to add members and start imports in it.
/// </summary>
public sealed class TestSpace(PlatformHost platform, Guid id)
{
    public Guid Id { get; } = id;

    public string AdminKey { get; set; } = "";

    public string AdminUserId { get; set; } = "";

    /// <summary>
    /// Adds a member with a role (GraphQL enum name) and returns an API key issued for them.
    /// </summary>
    public async Task<string> AddMemberAsync(string userId, string role)
    {
        var added = await platform.GraphQL(PlatformHost.AdminKey, """
            mutation($input: AddMemberInput!) { addMember(input: $input) { errors { code message } } }
            """, new { input = new { spaceId = Id, userId, role } });
        added.Data("addMember").GetProperty("errors").GetArrayLength().ShouldBe(0, added.Raw);

        var issued = await platform.GraphQL(PlatformHost.AdminKey, """
            mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { apiKey errors { code message } } }
            """, new { input = new { userId, label = "test" } });
        var payload = issued.Data("issueApiKey");
        payload.GetProperty("errors").GetArrayLength().ShouldBe(0, issued.Raw);
        return payload.GetProperty("apiKey").GetString()!;
    }

    public async Task<GraphQLResponse> CreateImportAsync(string apiKey, object source, string format = "JSONL", string modality = "TEXT", string? name = null, object? extendedInfo = null, string? language = null) =>
        await platform.GraphQL(apiKey, """
            mutation($input: CreateImportTaskInput!) {
              createImportTask(input: $input) { importTask { id status datasetId } errors { code message field } }
            }
            """, new
        {
            input = new
            {
                spaceId = Id,
                datasetName = name ?? PlatformHost.Unique("dataset"),
                description = "imported by a test",
                modality,
                format,
                source,
                extendedInfo,
            },
        }, language);

    /// <summary>
    /// Creates an import task that must be accepted and returns its id.
    /// </summary>
    public async Task<string> StartImportAsync(string apiKey, object source, string format = "JSONL", string modality = "TEXT", string? name = null)
    {
        var response = await CreateImportAsync(apiKey, source, format, modality, name);
        var payload = response.Data("createImportTask");
        payload.GetProperty("errors").GetArrayLength().ShouldBe(0, response.Raw);
        return payload.GetProperty("importTask").GetProperty("id").GetString()!;
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformHost>
{
    public const string Name = "platform";
}
