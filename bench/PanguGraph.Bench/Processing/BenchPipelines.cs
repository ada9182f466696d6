using System.Text.Json;
using PanguGraph.Compute.Processing.Operators;
using PanguGraph.Domain.Processing.Pipelines;

namespace PanguGraph.Bench.Processing;

/// <summary>
/// Builds operators the way the processing worker does: a pipeline step with parameters, validated
/// and resolved by <see cref="PipelineRules.Resolve"/>, then created by <see cref="OperatorFactory"/>.
/// </summary>
internal static class BenchPipelines
{
    public static OperatorInstance Create(string operatorId, object? parameters = null)
    {
        var values = parameters is null
            ? new Dictionary<string, JsonElement>()
            : JsonSerializer.SerializeToElement(parameters).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        return OperatorFactory.Create(PipelineRules.Resolve(new PipelineStep(Guid.NewGuid(), operatorId, values)));
    }

    /// <summary>Returns the non-empty lines of samples/*/*.jsonl, in file order.</summary>
    public static List<string> SampleLines(string samplesDirectory) =>
        Directory.GetDirectories(samplesDirectory)
            .OrderBy(directory => directory, StringComparer.Ordinal)
            .SelectMany(directory => Directory.GetFiles(directory, "*.jsonl").OrderBy(file => file, StringComparer.Ordinal))
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .ToList();

    /// <summary>Returns CPU time used by the whole process, every thread included (JIT and GC too).</summary>
    public static TimeSpan ProcessorTime()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
