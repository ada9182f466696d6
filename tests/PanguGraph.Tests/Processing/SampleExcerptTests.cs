using System.Text.Json.Nodes;
using PanguGraph.Compute.Processing.Tasks;
using PanguGraph.Domain.Processing.Tasks;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Processing;

public class SampleExcerptTests
{
    [Fact]
    public void short_change_kept_whole()
    {
        var (before, after) = SampleExcerpt.Changed("a <b>b</b>", "a b");

        before.ShouldBe("a <b>b</b>");
        after.ShouldBe("a b");
    }

    [Fact]
    public void late_change_stays_visible()
    {
        var head = new string('x', 2000);
        var tail = new string('y', 2000);

        var (before, after) = SampleExcerpt.Changed(head + "<p>changed</p>" + tail, head + "changed" + tail);

        before.ShouldNotBe(after);
        before.ShouldStartWith("…" + new string('x', SampleExcerpt.ContextBefore) + "<p>changed</p>y");
        after.ShouldStartWith("…" + new string('x', SampleExcerpt.ContextBefore) + "changedy");
        before.ShouldEndWith("y…");
        after.ShouldEndWith("y…");
        before.Length.ShouldBe(ProcessingLimits.MaxSampleTextLength + 2);
    }

    [Fact]
    public void early_change_has_no_leading_elision()
    {
        var tail = new string('y', 2000);

        var (before, after) = SampleExcerpt.Changed("<p>hi</p>" + tail, "hi" + tail);

        before.ShouldStartWith("<p>hi</p>y");
        after.ShouldStartWith("hiy");
        after.ShouldEndWith("…");
    }

    [Fact]
    public void removed_record_shows_text_field()
    {
        var fields = new JsonObject { ["id"] = "p1", ["text"] = "執手相看淚眼" };

        SampleExcerpt.Record(fields, "text").ShouldBe("執手相看淚眼");
    }

    [Fact]
    public void removed_record_json_keeps_chinese()
    {
        var fields = new JsonObject { ["title"] = "雨霖鈴", ["lines"] = 10 };

        var excerpt = SampleExcerpt.Record(fields, "text");

        excerpt.ShouldBe("""{"title":"雨霖鈴","lines":10}""");
    }

    [Fact]
    public void long_record_text_is_cut()
    {
        var fields = new JsonObject { ["text"] = new string('字', 800) };

        var excerpt = SampleExcerpt.Record(fields, "text");

        excerpt.ShouldBe(new string('字', ProcessingLimits.MaxSampleTextLength) + "…");
    }
}
