using System.Globalization;
using PanguGraph.Bench.EventStore;
using PanguGraph.Bench.Importing;
using PanguGraph.Bench.Platform;
using PanguGraph.Bench.Processing;
using PanguGraph.Bench.Realtime;
using PanguGraph.Bench.Reporting;

namespace PanguGraph.Bench;

/// <summary>
/// Runs the platform benchmarks against the services named by the environment and prints a markdown
/// table. See bench/run.sh, which starts the services and sets that environment.
/// </summary>
public static class BenchMain
{
    private const string Usage = """
        usage: PanguGraph.Bench [--samples DIR] [--import-mib N] [--events N] [--single-events N] [--latency-samples N] [--only LIST] [--output FILE]
          --samples DIR         directory with */*.jsonl sample files (default: samples/ of the repository)
          --import-mib N        total size of the import source in MiB, samples repeated to reach it (default 64)
          --events N            events appended at 100 per session in the append benchmark (default 20000)
          --single-events N     events appended at 1 per session in the append benchmark (default 2000)
          --latency-samples N   appends measured in the subscription benchmark (default 200)
          --only LIST           comma-separated subset of import,append,latency,annotation,processing (default: all)
          --output FILE         also write the markdown table to FILE
        """;

    public static async Task<int> Main(string[] args)
    {
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException invalid)
        {
            Console.Error.WriteLine($"bench: {invalid.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var results = new List<BenchResult>();
        if (options.Runs("import"))
        {
            await using var workerNode = await BenchNode.StartAsync(workerEnabled: true);
            var import = new ImportThroughput(workerNode, options.SamplesDirectory, options.ImportMib * 1024L * 1024L, TimeSpan.FromMinutes(10));
            results.Add(await import.RunAsync());
        }

        if (options.Runs("append") || options.Runs("latency"))
        {
            // Without a worker, import tasks created for the latency benchmark stay queued.
            await using var apiNode = await BenchNode.StartAsync(workerEnabled: false);
            if (options.Runs("append"))
            {
                results.AddRange(await new AppendRate(apiNode.Services, options.SingleEvents, options.Events).RunAsync());
            }

            if (options.Runs("latency"))
            {
                results.Add(await new SubscriptionLatency(apiNode, options.LatencySamples, "bench-latency-source").RunAsync());
            }
        }

        results.AddRange(await Annotation.AnnotatorSubmitRate.RunIfSelectedAsync(options));
        results.AddRange(options.Runs("processing") ? ProcessingBenchmarks.Run(options.SamplesDirectory) : []);

        var table = ResultTable.ToMarkdown(results);
        Console.WriteLine(table);
        if (options.OutputFile is not null)
        {
            await File.WriteAllTextAsync(options.OutputFile, table);
        }

        return 0;
    }
}

public sealed record BenchOptions(string SamplesDirectory, int ImportMib, int Events, int SingleEvents, int LatencySamples, IReadOnlySet<string> Only, string? OutputFile)
{
    private static readonly string[] Benchmarks = ["import", "append", "latency", "annotation", "processing"];

    public bool Runs(string benchmark) => Only.Contains(benchmark);

    public static BenchOptions Parse(string[] args)
    {
        var samples = FindSamplesDirectory();
        int importMib = 64, events = 20_000, singleEvents = 2_000, latencySamples = 200;
        IReadOnlySet<string> only = Benchmarks.ToHashSet();
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"Option '{name}' needs a value.");
            }

            var value = args[++i];
            switch (name)
            {
                case "--samples":
                    samples = value;
                    break;
                case "--import-mib":
                    importMib = PositiveInt(name, value, 4096);
                    break;
                case "--events":
                    events = PositiveInt(name, value, 1_000_000);
                    break;
                case "--single-events":
                    singleEvents = PositiveInt(name, value, 1_000_000);
                    break;
                case "--latency-samples":
                    latencySamples = PositiveInt(name, value, 100_000);
                    break;
                case "--only":
                    only = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                    var unknown = only.Except(Benchmarks).ToList();
                    if (unknown.Count > 0 || only.Count == 0)
                    {
                        throw new ArgumentException($"--only accepts {string.Join(", ", Benchmarks)}; got '{value}'.");
                    }

                    break;
                case "--output":
                    output = value;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{name}'.");
            }
        }

        return new BenchOptions(samples, importMib, events, singleEvents, latencySamples, only, output);
    }

    private static int PositiveInt(string name, string value, int maximum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= maximum
            ? number
            : throw new ArgumentException($"{name} must be a whole number from 1 to {maximum}; got '{value}'.");

    /// <summary>Returns the nearest samples/ directory above the working directory, or "samples" when none exists.</summary>
    private static string FindSamplesDirectory()
    {
        for (var directory = new DirectoryInfo(Environment.CurrentDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return "samples";
    }
}
