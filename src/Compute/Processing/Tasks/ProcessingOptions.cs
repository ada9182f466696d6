namespace PanguGraph.Compute.Processing.Tasks;

/// <summary>Settings of processing jobs (configuration section "Processing").</summary>
public sealed class ProcessingOptions
{
    /// <summary>Records per shard at most, before the executorMemory limit applies. Default 10,000.</summary>
    public long RecordsPerShard { get; set; } = 10_000;

    /// <summary>Records that run through the steps together; stop requests are checked between batches. Default 200.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Minimum time between two progress events of one shard. Default 1 second.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries of a job message before the task fails. Default 3.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Name recorded as the worker of each shard; the machine name and process id when empty.</summary>
    public string? WorkerName { get; set; }

    /// <summary>Pause after each batch, to slow jobs down in tests and demonstrations. Default none.</summary>
    public TimeSpan DelayPerBatch { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Test hook: the first attempt of this shard (stage 0) throws after its output was written and
    /// before its result was recorded, as a worker killed at that point would. Null in production.
    /// </summary>
    public int? CrashShardOnFirstAttempt { get; set; }

    public string ResolveWorkerName() =>
        string.IsNullOrWhiteSpace(WorkerName) ? $"{Environment.MachineName}:{Environment.ProcessId}" : WorkerName;
}
