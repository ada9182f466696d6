using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PanguGraph.Bench.Platform;
using PanguGraph.Bench.Reporting;
using PanguGraph.Compute.Importing.Formats;
using PanguGraph.Compute.Storage;

namespace PanguGraph.Bench.Importing;

/// <summary>
/// Measures the real import job (GraphQL createImportTask, worker, S3 read and write, progress
/// events) against a baseline that only downloads and parses the same objects with the same
/// JSONL record reader.
/// </summary>
public sealed class ImportThroughput(BenchNode node, string samplesDirectory, long targetBytes, TimeSpan timeout)
{
    private const string Prefix = "data/";

    public async Task<BenchResult> RunAsync()
    {
        var storage = node.Services.GetRequiredService<IObjectStorage>();
        var bucket = $"bench-{Guid.NewGuid():N}"[..24];
        var (objectCount, totalBytes, uploadSeconds) = await UploadSamplesAsync(storage, bucket);
        Console.Error.WriteLine($"bench: uploaded {objectCount} objects, {Mib(totalBytes):0.0} MiB in {uploadSeconds:0.0} s");

        // The first pass warms the page cache of s3rver's files and the JIT; only the second one counts.
        await ParseAllAsync(storage, bucket);
        var (baselineRecords, baselineSeconds) = await ParseAllAsync(storage, bucket);
        var baselineRate = Mib(totalBytes) / baselineSeconds;
        Console.Error.WriteLine($"bench: baseline parsed {baselineRecords} records in {baselineSeconds:0.00} s");

        var (spaceId, apiKey) = await node.CreateSpaceAsync();
        var clock = Stopwatch.StartNew();
        var taskId = await node.CreateImportTaskAsync(apiKey, spaceId, bucket, Prefix);
        var task = await WaitForImportAsync(apiKey, taskId);
        var importSeconds = clock.Elapsed.TotalSeconds;
        var status = task.GetProperty("status").GetString();
        var imported = task.GetProperty("recordsImported").GetInt64();
        if (status != "SUCCEEDED" || imported != baselineRecords)
        {
            throw new InvalidOperationException(
                $"Import {taskId} ended {status} with {imported} records, but the baseline parsed {baselineRecords}: {task}");
        }

        var importRate = Mib(totalBytes) / importSeconds;
        Console.Error.WriteLine($"bench: import {taskId} took {importSeconds:0.00} s");
        return new BenchResult(
            "Import throughput (JSONL)",
            $"{ResultTable.FormatNumber(importRate)} MiB/s",
            $"{ResultTable.FormatNumber(baselineRate)} MiB/s",
            ResultTable.FormatRatio(importRate, baselineRate),
            $"{objectCount} objects, {ResultTable.FormatNumber(Mib(totalBytes))} MiB, {imported:N0} records; import {importSeconds:0.0} s " +
            $"(mutation to SUCCEEDED, 100 ms polling), download+parse {baselineSeconds:0.0} s");
    }

    /// <summary>Uploads every samples/*/*.jsonl file as often as needed to reach the target size.</summary>
    private async Task<(int Objects, long Bytes, double Seconds)> UploadSamplesAsync(IObjectStorage storage, string bucket)
    {
        var samples = Directory.GetDirectories(samplesDirectory)
            .SelectMany(directory => Directory.GetFiles(directory, "*.jsonl"))
            .Order(StringComparer.Ordinal)
            .Select(path => (Name: $"{Path.GetFileName(Path.GetDirectoryName(path))}-{Path.GetFileName(path)}", Content: File.ReadAllBytes(path)))
            .ToList();
        if (samples.Count == 0)
        {
            throw new InvalidOperationException($"No samples/*/*.jsonl files were found under '{samplesDirectory}'. Pass --samples DIR.");
        }

        var bytesPerRound = samples.Sum(s => (long)s.Content.Length);
        var rounds = (int)Math.Max(1, Math.Ceiling((double)targetBytes / bytesPerRound));
        var clock = Stopwatch.StartNew();
        await storage.EnsureBucketAsync(bucket, CancellationToken.None);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, content) in samples)
            {
                await using var stream = new MemoryStream(content, writable: false);
                await storage.UploadAsync(bucket, $"{Prefix}{round:D3}-{name}", stream, "application/x-ndjson", CancellationToken.None);
            }
        }

        return (rounds * samples.Count, rounds * bytesPerRound, clock.Elapsed.TotalSeconds);
    }

    private static async Task<(long Records, double Seconds)> ParseAllAsync(IObjectStorage storage, string bucket)
    {
        var clock = Stopwatch.StartNew();
        var reader = RecordReaderFactory.For(DataFormat.Jsonl);
        long records = 0;
        await foreach (var item in storage.ListAsync(bucket, Prefix, CancellationToken.None))
        {
            await using var content = await storage.OpenReadAsync(bucket, item.Key, CancellationToken.None);
            await foreach (var _ in reader.ReadAsync(content, item.Key, RecordReaderLimits.Default, CancellationToken.None))
            {
                records++;
            }
        }

        return (records, clock.Elapsed.TotalSeconds);
    }

    private async Task<System.Text.Json.JsonElement> WaitForImportAsync(string apiKey, Guid taskId)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var data = await node.GraphQLAsync(apiKey, """
                query($id: ID!) { importTask(id: $id) { status recordsImported failure { code message } } }
                """, new { id = taskId });
            var task = data.GetProperty("importTask");
            if (task.GetProperty("status").GetString() is "SUCCEEDED" or "FAILED")
            {
                return task;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Import {taskId} did not finish within {timeout.TotalSeconds:0} s: {task}");
            }

            await Task.Delay(100);
        }
    }

    private static double Mib(long bytes) => bytes / (1024.0 * 1024.0);
}
