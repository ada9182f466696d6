using PanguGraph.Bench.Reporting;

namespace PanguGraph.Bench.Processing;

/// <summary>
/// Runs the processing benchmarks. They need no services: the operators run in-process with the
/// classes that the processing worker uses.
/// </summary>
public static class ProcessingBenchmarks
{
    /// <summary>Records in the text pipeline benchmark; the samples are repeated to reach it.</summary>
    public const int TextRecords = 100_000;

    public static IReadOnlyList<BenchResult> Run(string samplesDirectory) =>
    [
        new TextPipelineThroughput(samplesDirectory, TextRecords).Run(),
        .. new MinHashDedupQuality(samplesDirectory).Run(),
    ];
}
