using Marten;
using Microsoft.Extensions.Options;
using PanguGraph.Compute.Storage;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Importing;
using PanguGraph.Domain.Spaces;
using PanguGraph.Projections.Spaces;
using Wolverine;

namespace PanguGraph.GraphQL.Operations;

public sealed class DemoOptions
{
    /// <summary>
    /// Folder of sample data (the repository's samples/). When set, start-up uploads every
    /// *.jsonl file below it to <see cref="SamplesBucket"/> and imports each sub-folder into a
    /// "Demo" space, once.
    /// </summary>
    public string? SamplesDirectory { get; set; }

    public string SamplesBucket { get; set; } = "pangu-samples";

    public string SpaceName { get; set; } = "Demo";
}

/// <summary>
/// Seeds a demo space from the sample data so that a fresh `./run.sh` has real datasets to show.
/// Runs through the same commands as the API, as the bootstrap admin.
/// </summary>
public sealed class DemoSeeder(
    IServiceProvider services,
    IOptions<DemoOptions> options,
    IOptions<BootstrapOptions> bootstrap,
    IHostApplicationLifetime lifetime,
    ILogger<DemoSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var directory = options.Value.SamplesDirectory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            return;
        }

        if (!Directory.Exists(directory))
        {
            logger.LogWarning("Demo samples directory {Directory} does not exist; no demo data seeded", directory);
            return;
        }

        await WaitForStartAsync(stoppingToken);
        try
        {
            await SeedAsync(directory, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Seeding demo data from {Directory} failed", directory);
        }
    }

    private async Task SeedAsync(string directory, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<IQuerySession>();
        var admin = new Caller(bootstrap.Value.AdminUserId, true);
        var existing = await session.Query<SpaceView>()
            .Where(s => s.Name == options.Value.SpaceName && s.CreatedBy == admin.UserId)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            logger.LogInformation("Demo space {SpaceId} exists; samples are not imported again", existing.Id);
            return;
        }

        var storage = scope.ServiceProvider.GetRequiredService<IObjectStorage>();
        var bucket = options.Value.SamplesBucket;
        await storage.EnsureBucketAsync(bucket, cancellationToken);
        var folders = Directory.GetDirectories(directory).Order(StringComparer.Ordinal).ToList();
        foreach (var file in folders.SelectMany(f => Directory.GetFiles(f, "*.jsonl")))
        {
            var key = Path.GetRelativePath(directory, file).Replace('\\', '/');
            await using var content = File.OpenRead(file);
            await storage.UploadAsync(bucket, key, content, "application/x-ndjson", cancellationToken);
            logger.LogInformation("Uploaded sample {Key} ({Bytes} bytes) to bucket {Bucket}", key, content.Length, bucket);
        }

        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        var spaceId = Guid.CreateVersion7();
        await Expect(bus.InvokeAsync<CommandOutcome>(
            new CreateSpace(admin, spaceId, options.Value.SpaceName, "Sample datasets imported by run.sh"), cancellationToken));

        foreach (var folder in folders.Where(f => Directory.GetFiles(f, "*.jsonl").Length > 0))
        {
            var name = Path.GetFileName(folder);
            var command = new CreateImportTask(
                admin,
                Guid.CreateVersion7(),
                spaceId,
                name,
                $"Sample data from samples/{name}",
                Modality.Text,
                FileFormat.Jsonl,
                new ImportSource(bucket, name + "/", []),
                Visibility.Space,
                ExtendedInfo.Empty with
                {
                    Language = name.Contains("poetry", StringComparison.OrdinalIgnoreCase) ? "zh" : "en",
                    Copyright = ReadLicense(folder, name),
                });
            await Expect(bus.InvokeAsync<CommandOutcome>(command, cancellationToken));
            logger.LogInformation("Queued the import of sample {Name} as task {TaskId}", name, command.TaskId);
        }
    }

    /// <summary>
    /// Takes the first line of the sample's LICENSE file as the licence, so the demo datasets show
    /// the terms their data came under.
    /// </summary>
    private static Copyright? ReadLicense(string folder, string name)
    {
        var path = Path.Combine(folder, "LICENSE");
        if (!File.Exists(path))
        {
            return null;
        }

        var first = File.ReadLines(path).Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0);
        return first is null ? null : new Copyright(null, first.Length > 128 ? first[..128] : first, $"See samples/{name}/LICENSE in the repository.");
    }

    private static async Task Expect(Task<CommandOutcome> invocation)
    {
        var outcome = await invocation;
        if (outcome.Error is not null)
        {
            throw new InvalidOperationException($"Demo seeding was rejected: {outcome.Error.Code} {outcome.Error.MessageEn}");
        }
    }

    private Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource();
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(cancellationToken);
    }
}
