using System.Text.Json.Nodes;
using PanguGraph.Compute.Processing.Operators.Text.Mapping;
using Shouldly;
using Xunit;
using static PanguGraph.Tests.Processing.RecordFactory;

namespace PanguGraph.Tests.Processing;

public class SongCiConversionTests
{
    private readonly TraditionalToSimplifiedConverter _t2s = new("text", "t2s");

    [Fact]
    public void rare_characters_stay_in_basic_plane()
    {
        // OpenCC 1.1 t2s maps 爇 and 殢 to CJK Extension B characters.
        ProcessOne(_t2s, "爇香殢酒，嶢峰").ShouldBe("爇香殢酒，峣峰");
    }

    [Fact]
    public void song_ci_gains_no_extension_characters()
    {
        var poems = File.ReadLines(Path.Combine(RepositoryRoot(), "samples", "chinese-poetry", "poems.jsonl"))
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Where(poem => (string?)poem["form"] == "ci")
            .ToList();

        poems.ShouldNotBeEmpty();
        foreach (var poem in poems)
        {
            var text = (string)poem["text"]!;
            var converted = ProcessOne(_t2s, text);

            converted.EnumerateRunes().Count().ShouldBe(text.EnumerateRunes().Count(), $"poem {poem["id"]}");
            converted.EnumerateRunes().Where(rune => !rune.IsBmp).ShouldBeSubsetOf(text.EnumerateRunes().Where(rune => !rune.IsBmp), $"poem {poem["id"]}");
        }
    }

    private static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(directory, "samples")))
        {
            directory = Path.GetDirectoryName(directory) ?? throw new DirectoryNotFoundException("No samples folder above the test output.");
        }

        return directory;
    }
}
