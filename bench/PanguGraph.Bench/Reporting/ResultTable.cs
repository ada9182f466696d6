using System.Globalization;
using System.Text;

namespace PanguGraph.Bench.Reporting;

/// <summary>One row of the results: a measurement, the baseline measured in the same run and their ratio.</summary>
public sealed record BenchResult(string Benchmark, string Measured, string Baseline, string Ratio, string Detail);

public static class ResultTable
{
    public static string ToMarkdown(IEnumerable<BenchResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| Benchmark | Measured | Baseline (same run) | Ratio | Detail |");
        text.AppendLine("|---|---:|---:|---:|---|");
        foreach (var row in results)
        {
            text.AppendLine($"| {row.Benchmark} | {row.Measured} | {row.Baseline} | {row.Ratio} | {row.Detail} |");
        }

        return text.ToString();
    }

    public static string FormatNumber(double value, int decimals = 1) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    /// <summary>Formats measured / baseline, for example "0.42x".</summary>
    public static string FormatRatio(double measured, double baseline) =>
        baseline > 0 ? (measured / baseline).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "n/a";
}
