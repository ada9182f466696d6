namespace PanguGraph.Domain.Processing.Resources;

/// <summary>
/// Spark-style resources of a processing task. Memory values are in GB. <see cref="Custom"/>
/// carries extra engine settings as key/value pairs that the platform passes through unchanged.
/// </summary>
public sealed record ResourceSettings(
    int NumExecutors = 2,
    int ExecutorCores = 2,
    int ExecutorMemory = 4,
    int DriverCores = 2,
    int DriverMemory = 4,
    IReadOnlyDictionary<string, string>? Custom = null)
{
    public static ResourceSettings Default { get; } = new();

    /// <summary>Lower and upper bound in GB of numExecutors × executorMemory.</summary>
    public const int MinTotalExecutorMemory = 4;

    public const int MaxTotalExecutorMemory = 16;

    /// <summary>Names of the built-in settings, which a custom setting must not repeat.</summary>
    public static readonly IReadOnlyList<string> BuiltInKeys =
        ["numExecutors", "executorCores", "executorMemory", "driverCores", "driverMemory"];
}
