namespace PanguGraph.Compute.Importing;

/// <summary>
/// Import job settings, bound from the configuration section "Import".
/// </summary>
public sealed class ImportOptions
{
    /// <summary>Largest accepted record in bytes (a JSONL line, a CSV row, a JSON element). Default 1 MiB.</summary>
    public long MaxRecordBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest accepted media file in bytes. Default 2 GiB.</summary>
    public long MaxMediaFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Minimum time between two progress events of one task. Default 1 second.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts before an unexpected error (not a bad input) fails the task. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Delay per record, for tests and demos that need an import to take a while. Zero in production.
    /// </summary>
    public TimeSpan DelayPerRecord { get; set; } = TimeSpan.Zero;
}
