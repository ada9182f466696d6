using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using PanguGraph.Bench.Reporting;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Deduplication;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Bench.Processing;

/// <summary>
/// Measures a 6-operator text pipeline in-process on one thread, with the operator classes that the
/// processing worker uses, against a baseline that only reads, parses and writes the same JSONL.
/// The pipeline follows the worker's shard path without S3 and the job queue. Records are parsed per
/// shard, run through the record steps in batches and signed for exact deduplication, then written as
/// stage records. After the global merge they are read back, filtered and written as the final JSONL.
/// </summary>
public sealed class TextPipelineThroughput(string samplesDirectory, int recordCount)
{
    private const int RecordsPerShard = 10_000;
    private const int BatchSize = 200;
    private const int Rounds = 3;

    private static readonly string[] StepOperatorIds =
    [
        OperatorIds.NfkcNormalize,
        OperatorIds.WhitespaceClean,
        OperatorIds.PiiMask,
        OperatorIds.LengthFilter,
        OperatorIds.LanguageTagger,
        OperatorIds.ExactDeduplicator,
    ];

    public BenchResult Run()
    {
        var input = BuildInput();
        Console.Error.WriteLine($"bench: text pipeline input {recordCount:N0} records, {input.Length / 1048576.0:0.0} MiB");

        // One small pass of each warms the JIT, the regular expressions and the language tables.
        var warmUp = input.AsSpan(0, Math.Min(input.Length, 2_000_000)).ToArray();
        RunBaseline(warmUp[..(Array.LastIndexOf(warmUp, (byte)'\n') + 1)]);
        RunPipeline(warmUp[..(Array.LastIndexOf(warmUp, (byte)'\n') + 1)]);

        var baselineRuns = new List<Measurement>();
        var pipelineRuns = new List<Measurement>();
        PipelineCounts? counts = null;
        for (var round = 0; round < Rounds; round++)
        {
            baselineRuns.Add(Measure(() => (RunBaseline(input), null)));
            var measured = Measure(() => RunPipeline(input));
            counts = measured.Counts;
            pipelineRuns.Add(measured);
            Console.Error.WriteLine(
                $"bench: round {round + 1}: baseline {baselineRuns[^1].RecordsPerCpuSecond(recordCount):N0} records/CPU-s, " +
                $"pipeline {pipelineRuns[^1].RecordsPerCpuSecond(recordCount):N0} records/CPU-s");
        }

        var baseline = Median(baselineRuns);
        var pipeline = Median(pipelineRuns);
        var baselineRate = baseline.RecordsPerCpuSecond(recordCount);
        var pipelineRate = pipeline.RecordsPerCpuSecond(recordCount);
        return new BenchResult(
            "Text pipeline, 6 operators (in-process, 1 thread)",
            $"{ResultTable.FormatNumber(pipelineRate, 0)} records/s per core",
            $"{ResultTable.FormatNumber(baselineRate, 0)} records/s per core",
            ResultTable.FormatRatio(pipelineRate, baselineRate),
            $"{recordCount:N0} records ({input.Length / 1048576.0:0.0} MiB) from samples/, median of {Rounds} rounds by process CPU time; " +
            $"wall {pipeline.WallSeconds:0.00} s vs {baseline.WallSeconds:0.00} s; steps nfkc, whitespace, pii_mask, length_filter(minLength 20), language_tagger, exact_dedup; " +
            $"{counts!.Describe()}");
    }

    /// <summary>
    /// Repeats the sample lines up to the record count. Copies after the first get a distinct id and a
    /// suffix line in "text", so that exact deduplication removes only the duplicates the samples contain.
    /// </summary>
    private byte[] BuildInput()
    {
        var lines = BenchPipelines.SampleLines(samplesDirectory);
        var output = new MemoryStream();
        for (var i = 0; i < recordCount; i++)
        {
            var copy = i / lines.Count;
            var line = lines[i % lines.Count];
            if (copy > 0)
            {
                var fields = JsonNode.Parse(line)!.AsObject();
                fields["id"] = $"{fields["id"]?.GetValue<string>()}#{copy}";
                if (fields["text"] is JsonValue text && text.TryGetValue<string>(out var value))
                {
                    fields["text"] = $"{value}\n(copy {copy})";
                }

                line = fields.ToJsonString();
            }

            output.Write(Encoding.UTF8.GetBytes(line));
            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }

    private static Measurement Measure(Func<(long Bytes, PipelineCounts? Counts)> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var cpu = BenchPipelines.ProcessorTime();
        var wall = Stopwatch.StartNew();
        var (bytes, counts) = run();
        wall.Stop();
        return new Measurement((BenchPipelines.ProcessorTime() - cpu).TotalSeconds, wall.Elapsed.TotalSeconds, bytes, counts);
    }

    /// <summary>Reads and parses every record and writes it back as plain JSONL. Returns the bytes written.</summary>
    private static long RunBaseline(byte[] input)
    {
        long written = 0;
        foreach (var shard in ReadShards(input))
        {
            written += WriteRecords(shard, plain: true).Length;
        }

        return written;
    }

    private static (long Bytes, PipelineCounts Counts) RunPipeline(byte[] input)
    {
        var recordSteps = StepOperatorIds[..^1]
            .Select(id => BenchPipelines.Create(id, id == OperatorIds.LengthFilter ? new { minLength = 20 } : null).RecordOperator!)
            .ToList();
        var deduplicator = BenchPipelines.Create(StepOperatorIds[^1]).Deduplicator!;
        var counts = new PipelineCounts(recordSteps.Count);

        // Stage 0: record steps per batch, then phase 1 of the deduplicator per shard.
        var stageRecords = new List<byte[]>();
        var signatures = new List<ShardSignatures>();
        var shardIndex = 0;
        foreach (var shard in ReadShards(input))
        {
            var output = new List<DataRecord>(shard.Count);
            foreach (var batch in shard.Chunk(BatchSize))
            {
                IReadOnlyList<DataRecord> current = batch;
                for (var step = 0; step < recordSteps.Count && current.Count > 0; step++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var result = recordSteps[step].Process(current);
                    counts.Add(step, result, Stopwatch.GetElapsedTime(started));
                    current = result.OutputRecords;
                }

                output.AddRange(current);
            }

            var signing = Stopwatch.GetTimestamp();
            signatures.Add(deduplicator.ComputeSignatures(shardIndex, output));
            counts.AddSigning(Stopwatch.GetElapsedTime(signing));
            stageRecords.Add(WriteRecords(output, plain: false));
            shardIndex++;
        }

        // Phase 2 merges the signatures of all shards; stage 1 drops the duplicates and writes the result.
        var decision = deduplicator.FindDuplicates(signatures);
        long written = 0;
        for (var shard = 0; shard < stageRecords.Count; shard++)
        {
            var records = ReadStageRecords(stageRecords[shard]);
            var applied = decision.Apply(signatures[shard], records);
            counts.AddDeduplication(applied);
            written += WriteRecords(applied.OutputRecords, plain: true).Length;
        }

        return (written, counts);
    }

    /// <summary>Parses JSONL into shards the way the worker reads a source object (id from "id", else the line).</summary>
    private static IEnumerable<List<DataRecord>> ReadShards(byte[] input)
    {
        using var reader = new StreamReader(new MemoryStream(input), Encoding.UTF8);
        var shard = new List<DataRecord>(RecordsPerShard);
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            if (text.Length == 0)
            {
                continue;
            }

            line++;
            var fields = JsonNode.Parse(text) as JsonObject ?? new JsonObject { ["value"] = JsonNode.Parse(text) };
            var id = fields["id"] is JsonValue value && value.TryGetValue<string>(out var given) ? given : $"0:{line}";
            shard.Add(new DataRecord(id, fields));
            if (shard.Count == RecordsPerShard)
            {
                yield return shard;
                shard = new List<DataRecord>(RecordsPerShard);
            }
        }

        if (shard.Count > 0)
        {
            yield return shard;
        }
    }

    private static List<DataRecord> ReadStageRecords(byte[] data)
    {
        var records = new List<DataRecord>();
        using var reader = new StreamReader(new MemoryStream(data), Encoding.UTF8);
        while (reader.ReadLine() is { } text)
        {
            var node = JsonNode.Parse(text)!.AsObject();
            var fields = node["fields"]!.AsObject();
            node.Remove("fields");
            records.Add(new DataRecord(node["id"]!.GetValue<string>(), fields));
        }

        return records;
    }

    /// <summary>Serialises records as the worker's ShardStorage does: plain field objects, or {"id", "fields"} stage lines.</summary>
    private static byte[] WriteRecords(IReadOnlyList<DataRecord> records, bool plain)
    {
        using var buffer = new MemoryStream();
        foreach (var record in records)
        {
            var line = plain ? record.Fields.ToJsonString() : new JsonObject { ["id"] = record.Id, ["fields"] = record.Fields.DeepClone() }.ToJsonString();
            buffer.Write(Encoding.UTF8.GetBytes(line));
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }

    private static Measurement Median(List<Measurement> runs) => runs.OrderBy(run => run.CpuSeconds).ElementAt(runs.Count / 2);

    private sealed record Measurement(double CpuSeconds, double WallSeconds, long BytesWritten, PipelineCounts? Counts)
    {
        public double RecordsPerCpuSecond(int records) => records / CpuSeconds;
    }

    /// <summary>Per-step counts and wall time of one pipeline run, so the table shows what each step did and cost.</summary>
    private sealed class PipelineCounts(int recordSteps)
    {
        private readonly long[] _modified = new long[recordSteps];
        private readonly long[] _removed = new long[recordSteps];
        private readonly TimeSpan[] _elapsed = new TimeSpan[recordSteps + 1];
        private long _duplicates;
        private long _recordsOut;

        public void Add(int step, BatchResult result, TimeSpan elapsed)
        {
            _modified[step] += result.ModifiedCount;
            _removed[step] += result.RemovedCount;
            _elapsed[step] += elapsed;
        }

        public void AddSigning(TimeSpan elapsed) => _elapsed[^1] += elapsed;

        public void AddDeduplication(BatchResult result)
        {
            _duplicates += result.RemovedCount;
            _recordsOut += result.KeptCount + result.UnprocessableCount;
        }

        public string Describe() =>
            $"modified: nfkc {_modified[0]:N0}, whitespace {_modified[1]:N0}, pii {_modified[2]:N0}; " +
            $"removed: length {_removed[3]:N0}, duplicates {_duplicates:N0}; {_recordsOut:N0} records out; " +
            $"wall seconds per step: {string.Join(", ", _elapsed.Select(e => e.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} (dedup: signatures)";
    }
}
