using System.Text.Json;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Deduplication;
using Shouldly;
using Xunit;
using static PanguGraph.Tests.Processing.RecordFactory;

namespace PanguGraph.Tests.Processing;

public class DeduplicationTests
{
    [Fact]
    public void exact_dedup_is_global_across_shards()
    {
        var dedup = new ExactTextDeduplicator("text", ignoreCase: true, ignoreWhitespace: true, ignorePunctuation: true);
        IReadOnlyList<DataRecord> shard0 = [Text("a", "Hello, World"), Text("b", "unique one")];
        IReadOnlyList<DataRecord> shard1 = [Text("c", "hello world!"), Text("d", "ＨＥＬＬＯ　ＷＯＲＬＤ"), Text("e", "another")];

        var signatures0 = dedup.ComputeSignatures(0, shard0);
        var signatures1 = dedup.ComputeSignatures(1, shard1);
        var decision = dedup.FindDuplicates([signatures1, signatures0]);
        var result1 = decision.Apply(signatures1, shard1);

        decision.Duplicates.Select(match => match.RecordId).ShouldBe(["c", "d"]);
        decision.Duplicates.ShouldAllBe(match => match.OriginalRecordId == "a");
        result1.RemovedCount.ShouldBe(2);
        result1.OutputRecords.Single().Id.ShouldBe("e");
        decision.Apply(signatures0, shard0).RemovedCount.ShouldBe(0);
    }

    [Fact]
    public void exact_dedup_respects_options()
    {
        var strict = new ExactTextDeduplicator("text", ignoreCase: false, ignoreWhitespace: false, ignorePunctuation: false);

        strict.DeduplicateSingleBatch(Texts("Hello world", "hello world", "Hello  world", "Hello world")).RemovedCount.ShouldBe(1);
    }

    [Fact]
    public void signatures_survive_json_round_trip()
    {
        var dedup = new MinHashDeduplicator("text", 5, 64, 16, 0.8, true);
        var records = Texts("the quick brown fox jumps over the lazy dog", "the quick brown fox jumped over the lazy dog", "something else entirely");
        var signatures = dedup.ComputeSignatures(3, records);

        var json = JsonSerializer.Serialize(signatures);
        var restored = JsonSerializer.Deserialize<ShardSignatures>(json)!;
        var decision = dedup.FindDuplicates([restored]);
        var decisionJson = JsonSerializer.Serialize(decision);
        var restoredDecision = JsonSerializer.Deserialize<DuplicateDecision>(decisionJson)!;

        restored.Signatures[1].Sketch.ShouldBe(signatures.Signatures[1].Sketch);
        restoredDecision.Duplicates.ShouldBe(dedup.FindDuplicates([signatures]).Duplicates);
    }

    [Fact]
    public void unsigned_records_pass_through()
    {
        var dedup = new ExactTextDeduplicator("text", true, true, false);
        IReadOnlyList<DataRecord> records = [Text("a", "x"), new DataRecord("b", new System.Text.Json.Nodes.JsonObject())];

        var result = dedup.DeduplicateSingleBatch(records);

        result.UnprocessableCount.ShouldBe(1);
        result.Outcomes[1].Reason!.Code.ShouldBe(OutcomeCodes.FieldMissing);
        result.OutputRecords.Count.ShouldBe(2);
    }

    [Fact]
    public void minhash_rejects_bands_not_dividing()
    {
        Should.Throw<ArgumentException>(() => new MinHashDeduplicator("text", 5, 128, 24, 0.8, true));
    }

    [Fact]
    public void minhash_finds_planted_near_duplicates()
    {
        var random = new Random(20260417);
        var vocabulary = Enumerable.Range(0, 3000).Select(_ => RandomWord(random)).ToArray();
        var originals = Enumerable.Range(0, 150).Select(_ => RandomText(random, vocabulary, 120)).ToList();

        // Each planted copy replaces 3 of 120 words, which keeps the 5-gram Jaccard similarity near 0.9.
        var planted = new HashSet<string>();
        var all = new List<(string Id, string Text)>();
        for (var i = 0; i < originals.Count; i++)
        {
            all.Add(($"orig-{i}", originals[i]));
        }

        for (var i = 0; i < 60; i++)
        {
            var words = originals[i].Split(' ');
            for (var edit = 0; edit < 3; edit++)
            {
                words[random.Next(words.Length)] = vocabulary[random.Next(vocabulary.Length)];
            }

            all.Add(($"dup-{i}", string.Join(' ', words)));
            planted.Add($"dup-{i}");
        }

        var shards = all.Chunk(70).Select(chunk => chunk.Select(item => Text(item.Id, item.Text)).ToList()).ToList();
        var dedup = new MinHashDeduplicator("text", 5, 128, 32, 0.8, true);

        var signatures = shards.Select((records, shard) => dedup.ComputeSignatures(shard, records)).ToList();
        var decision = dedup.FindDuplicates(signatures);

        var found = decision.Duplicates.Select(match => match.RecordId).ToHashSet();
        var truePositives = found.Count(planted.Contains);
        var recall = (double)truePositives / planted.Count;
        var precision = found.Count == 0 ? 0 : (double)truePositives / found.Count;
        recall.ShouldBeGreaterThanOrEqualTo(0.95);
        precision.ShouldBeGreaterThanOrEqualTo(0.95);
        decision.Duplicates.Where(match => planted.Contains(match.RecordId))
            .ShouldAllBe(match => match.OriginalRecordId == "orig-" + match.RecordId.Substring(4));
        decision.Duplicates.ShouldAllBe(match => match.Similarity >= 0.8);
    }

    [Fact]
    public void minhash_keeps_distant_texts()
    {
        var dedup = new MinHashDeduplicator("text", 5, 128, 32, 0.8, true);
        var first = "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。";
        var half = "春眠不觉晓，处处闻啼鸟。白日依山尽，黄河入海流。";

        var estimate = MinHashDeduplicator.EstimatedJaccard(dedup.Sketch(first), dedup.Sketch(half));

        estimate.ShouldBeLessThan(0.6);
        dedup.DeduplicateSingleBatch(Texts(first, half)).RemovedCount.ShouldBe(0);
        dedup.DeduplicateSingleBatch(Texts(first, first + "。")).RemovedCount.ShouldBe(1);
    }

    private static string RandomWord(Random random) =>
        new(Enumerable.Range(0, random.Next(3, 9)).Select(_ => (char)('a' + random.Next(26))).ToArray());

    private static string RandomText(Random random, string[] vocabulary, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
}
