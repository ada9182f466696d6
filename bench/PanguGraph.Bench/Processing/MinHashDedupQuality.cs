using System.Text;
using System.Text.Json.Nodes;
using PanguGraph.Bench.Reporting;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Deduplication;
using PanguGraph.Domain.Processing.Catalogue;

namespace PanguGraph.Bench.Processing;

/// <summary>
/// Measures recall, precision and throughput of the MinHash-LSH deduplicator on a planted set. The
/// set is every distinct text of samples/ with at least <see cref="MinRunes"/> characters, followed by
/// edited copies of randomly chosen texts. Positive copies have an exact character 5-gram Jaccard
/// similarity of at least 0.8 to their source and negative copies one below 0.75, both measured with
/// the operator's own normalisation. Recall is the share of positive copies removed. Precision is the
/// share of removed records whose exact Jaccard similarity to the record kept in their place is at
/// least 0.8. The deduplicator runs in-process on one thread, with the worker's phases: signatures
/// per shard of <see cref="RecordsPerShard"/> records, then one global merge.
/// </summary>
public sealed class MinHashDedupQuality(string samplesDirectory)
{
    private const int MinRunes = 50;
    private const int PlantedPerKind = 500;
    private const int RecordsPerShard = 1_000;
    private const int NgramSize = 5;
    private const double TargetJaccard = 0.8;
    private const int Rounds = 3;

    public IReadOnlyList<BenchResult> Run()
    {
        var random = new Random(20261204);
        var texts = DistinctSampleTexts();
        var documents = texts.Select((text, index) => new Document($"sample-{index}", text, null, false)).ToList();
        documents.AddRange(Plant(texts, random));
        Console.Error.WriteLine($"bench: minhash set {documents.Count:N0} documents, {PlantedPerKind} positive and {PlantedPerKind} negative copies");

        var results = new List<BenchResult>();
        foreach (var threshold in new[] { 0.8, 0.7 })
        {
            results.Add(RunWithThreshold(documents, threshold));
        }

        return results;
    }

    private static BenchResult RunWithThreshold(List<Document> documents, double threshold)
    {
        var deduplicator = BenchPipelines.Create(OperatorIds.MinHashDeduplicator, new { threshold }).Deduplicator!;
        var records = documents.Select(d => new DataRecord(d.Id, new JsonObject { ["text"] = d.Text })).ToList();
        var shards = records.Chunk(RecordsPerShard).ToList();

        // The first pass warms the JIT and is not counted.
        var decision = Deduplicate(deduplicator, shards);
        var cpuSeconds = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            GC.Collect();
            var start = BenchPipelines.ProcessorTime();
            decision = Deduplicate(deduplicator, shards);
            cpuSeconds.Add((BenchPipelines.ProcessorTime() - start).TotalSeconds);
        }

        var byId = documents.ToDictionary(d => d.Id);
        var removed = decision.Duplicates.Select(match => match.RecordId).ToHashSet();
        var positives = documents.Where(d => d.IsPositive).ToList();
        var negatives = documents.Where(d => d.SourceId is not null && !d.IsPositive).ToList();
        var truePositives = decision.Duplicates.Count(match =>
            ExactJaccard(byId[match.RecordId].Text, byId[match.OriginalRecordId].Text) >= TargetJaccard);
        var recall = (double)positives.Count(d => removed.Contains(d.Id)) / positives.Count;
        var precision = decision.Duplicates.Count == 0 ? 1 : (double)truePositives / decision.Duplicates.Count;
        var negativesRemoved = negatives.Count(d => removed.Contains(d.Id));
        var median = cpuSeconds.Order().ElementAt(cpuSeconds.Count / 2);
        var rate = documents.Count / median;
        return new BenchResult(
            $"MinHash dedup, threshold {threshold:0.0} (in-process, 1 thread)",
            $"recall {recall:0.000}, precision {precision:0.000}; {ResultTable.FormatNumber(rate, 0)} documents/s per core",
            $"target recall ≥ 0.95 at Jaccard {TargetJaccard:0.0}",
            "n/a",
            $"{documents.Count:N0} documents in shards of {RecordsPerShard:N0}; ngramSize 5, 128 permutations, 32 bands; " +
            $"{positives.Count} positive copies (exact Jaccard ≥ 0.8), {negatives.Count} negative copies (< 0.75), {negativesRemoved} of them removed; " +
            $"{decision.Duplicates.Count} removed in all, {truePositives} with exact Jaccard ≥ 0.8; {decision.CandidatePairs:N0} candidate pairs; " +
            $"signatures + merge, median of {Rounds} rounds by process CPU time");
    }

    private static DuplicateDecision Deduplicate(IDeduplicator deduplicator, List<DataRecord[]> shards)
    {
        var signatures = shards.Select((shard, index) => deduplicator.ComputeSignatures(index, shard)).ToList();
        return deduplicator.FindDuplicates(signatures);
    }

    private List<string> DistinctSampleTexts()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var texts = new List<string>();
        foreach (var line in BenchPipelines.SampleLines(samplesDirectory))
        {
            if (JsonNode.Parse(line)?["text"] is JsonValue value && value.TryGetValue<string>(out var text)
                && text.EnumerateRunes().Count() >= MinRunes && seen.Add(text))
            {
                texts.Add(text);
            }
        }

        return texts;
    }

    /// <summary>
    /// Makes edited copies of random texts until there are enough in each class. Edit rates are drawn per
    /// copy, and a copy whose exact similarity falls outside its class is discarded.
    /// </summary>
    private static IEnumerable<Document> Plant(List<string> texts, Random random)
    {
        var planted = new List<Document>();
        int positives = 0, negatives = 0;
        while (positives < PlantedPerKind || negatives < PlantedPerKind)
        {
            var sourceIndex = random.Next(texts.Count);
            var source = texts[sourceIndex];
            var wantPositive = positives < PlantedPerKind && (negatives >= PlantedPerKind || random.Next(2) == 0);
            var rate = wantPositive ? 0.002 + random.NextDouble() * 0.02 : 0.04 + random.NextDouble() * 0.12;
            var copy = Edit(source, rate, random);
            var similarity = ExactJaccard(copy, source);
            if (wantPositive && similarity >= TargetJaccard && similarity < 1)
            {
                planted.Add(new Document($"positive-{positives++}", copy, $"sample-{sourceIndex}", true));
            }
            else if (!wantPositive && similarity < 0.75)
            {
                planted.Add(new Document($"negative-{negatives++}", copy, $"sample-{sourceIndex}", false));
            }
        }

        // Copies come after all samples so that the copy, not its source, is the record removed.
        return planted.OrderBy(_ => random.Next()).ToList();
    }

    /// <summary>Substitutes, deletes or inserts characters at random positions, at least one edit per copy.</summary>
    private static string Edit(string text, double rate, Random random)
    {
        var runes = text.EnumerateRunes().ToList();
        var edits = Math.Max(1, (int)Math.Round(runes.Count * rate));
        for (var i = 0; i < edits && runes.Count > 1; i++)
        {
            var position = random.Next(runes.Count);
            var replacement = runes[random.Next(runes.Count)];
            switch (random.Next(3))
            {
                case 0:
                    runes[position] = replacement;
                    break;
                case 1:
                    runes.RemoveAt(position);
                    break;
                default:
                    runes.Insert(position, replacement);
                    break;
            }
        }

        return string.Concat(runes.Select(rune => rune.ToString()));
    }

    /// <summary>
    /// Computes the exact Jaccard similarity of the character 5-gram sets, after the same normalisation
    /// as the MinHash operator with ignoreCase on (NFKC, lower case, whitespace runs collapsed).
    /// </summary>
    private static double ExactJaccard(string left, string right)
    {
        var a = Shingles(left);
        var b = Shingles(right);
        var intersection = a.Count(b.Contains);
        var union = a.Count + b.Count - intersection;
        return union == 0 ? 1 : (double)intersection / union;
    }

    private static HashSet<string> Shingles(string text)
    {
        var normalised = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        normalised = string.Join(' ', normalised.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var runes = normalised.EnumerateRunes().Select(rune => rune.ToString()).ToArray();
        var shingles = new HashSet<string>(StringComparer.Ordinal);
        var count = Math.Max(1, runes.Length - NgramSize + 1);
        for (var start = 0; start < count && runes.Length > 0; start++)
        {
            shingles.Add(string.Concat(runes.Skip(start).Take(NgramSize)));
        }

        return shingles;
    }

    private sealed record Document(string Id, string Text, string? SourceId, bool IsPositive);
}
