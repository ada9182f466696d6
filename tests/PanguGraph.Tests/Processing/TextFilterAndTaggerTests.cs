using System.Text.Json.Nodes;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Text.Analysis;
using PanguGraph.Compute.Processing.Operators.Text.Filtering;
using PanguGraph.Compute.Processing.Operators.Text.Tagging;
using Shouldly;
using Xunit;
using static PanguGraph.Tests.Processing.RecordFactory;

namespace PanguGraph.Tests.Processing;

public class TextFilterAndTaggerTests
{
    private const string ChineseProse = "今天的天气非常好，我们一起去公园散步，看到了很多美丽的花朵和可爱的小鸟。";
    private const string EnglishProse = "The committee reviewed the proposal in detail and decided that the new library would open to the public next spring.";

    private static RecordDisposition Decide(IRecordOperator op, string text) =>
        op.Process([Text("r", text)]).Outcomes.Single().Disposition;

    [Fact]
    public void length_filter_counts_code_points()
    {
        var op = new LengthFilter("text", 3, 5);

        Decide(op, "ab").ShouldBe(RecordDisposition.Removed);
        Decide(op, "𠀀𠀁𠀂").ShouldBe(RecordDisposition.Kept);
        Decide(op, "床前明月光").ShouldBe(RecordDisposition.Kept);
        var removed = op.Process([Text("r", "床前明月光，")]).Outcomes.Single();
        removed.Reason!.Code.ShouldBe("TEXT_TOO_LONG");
        removed.Reason.Detail.ShouldContain("6 characters");
    }

    [Fact]
    public void word_count_uses_jieba_for_chinese()
    {
        var words = JiebaWordSegmenter.Words("我们一起去公园散步");

        words.ShouldContain("公园");
        words.ShouldContain("散步");
        words.Count.ShouldBeLessThan(9);
        JiebaWordSegmenter.Words("two  words, here!").ShouldBe(["two", "words,", "here!"]);

        var op = new WordCountFilter("text", 4, 1000);
        Decide(op, "我们去公园").ShouldBe(RecordDisposition.Removed);
        Decide(op, ChineseProse).ShouldBe(RecordDisposition.Kept);
    }

    [Fact]
    public void special_character_ratio_filter()
    {
        var op = new SpecialCharacterRatioFilter("text", 0.2);

        TextSignals.SpecialCharacterRatio("ab$$").ShouldBe(0.5);
        Decide(op, ChineseProse).ShouldBe(RecordDisposition.Kept);
        Decide(op, "★★★ 超值 ★★★ ☆☆☆ ▲▲▲ ￥￥").ShouldBe(RecordDisposition.Removed);
    }

    [Fact]
    public void cjk_alphanumeric_ratio_filter()
    {
        var op = new CjkAlphanumericRatioFilter("text", 0.6);

        TextSignals.CjkAlphanumericRatio("中文ab12!!!!").ShouldBe(0.6, 1e-9);
        Decide(op, EnglishProse).ShouldBe(RecordDisposition.Kept);
        Decide(op, "=== ---- ~~~ ::: 12").ShouldBe(RecordDisposition.Removed);
    }

    [Fact]
    public void language_identified_for_chinese_english()
    {
        var chinese = LanguageIdentifier.Identify(ChineseProse);
        var english = LanguageIdentifier.Identify(EnglishProse);
        var french = LanguageIdentifier.Identify("Le comité a examiné la proposition et a décidé que la nouvelle bibliothèque ouvrira au printemps prochain.");

        chinese.Language.ShouldBe("zh");
        chinese.Score.ShouldBeGreaterThan(0.9);
        english.Language.ShouldBe("en");
        english.Score.ShouldBeGreaterThan(0.5);
        french.Language.ShouldBe("other");
    }

    [Fact]
    public void language_filter_keeps_allowed()
    {
        var op = new LanguageFilter("text", ["zh"], 0.5);

        Decide(op, ChineseProse).ShouldBe(RecordDisposition.Kept);
        var removed = op.Process([Text("r", EnglishProse)]).Outcomes.Single();
        removed.Disposition.ShouldBe(RecordDisposition.Removed);
        removed.Reason!.Code.ShouldBe("LANGUAGE_NOT_ALLOWED");
    }

    [Fact]
    public void repetition_filter_catches_boilerplate()
    {
        var op = new RepetitionFilter("text", 5, 0.2);

        TextSignals.RepeatedNgramRatio("abcdefgh", 3).ShouldBe(0);
        TextSignals.RepeatedNgramRatio("abcabcabc", 3).ShouldBe(1);
        Decide(op, EnglishProse).ShouldBe(RecordDisposition.Kept);
        Decide(op, string.Concat(Enumerable.Repeat("点击这里领取优惠券！", 6))).ShouldBe(RecordDisposition.Removed);
    }

    [Fact]
    public void stop_word_ratio_filter()
    {
        var op = new StopWordRatioFilter("text", "auto", 0.1);

        StopWordLists.Chinese.ShouldContain("的");
        StopWordLists.English.ShouldContain("the");
        Decide(op, ChineseProse).ShouldBe(RecordDisposition.Kept);
        Decide(op, EnglishProse).ShouldBe(RecordDisposition.Kept);
        Decide(op, "手机 充电器 数据线 耳机 蓝牙 音箱 键盘 鼠标").ShouldBe(RecordDisposition.Removed);
        Decide(op, "cheap phones chargers cables earphones speakers keyboards").ShouldBe(RecordDisposition.Removed);
    }

    [Fact]
    public void keyword_block_counts_occurrences()
    {
        var strict = new KeywordBlockFilter("text", ["博彩", "casino"], ignoreCase: true, maxOccurrences: 0);
        var tolerant = new KeywordBlockFilter("text", ["博彩", "casino"], ignoreCase: true, maxOccurrences: 1);

        Decide(strict, ChineseProse).ShouldBe(RecordDisposition.Kept);
        var removed = strict.Process([Text("r", "Online CASINO and 博彩")]).Outcomes.Single();
        removed.Reason!.Detail.ShouldContain("2 occurrences");
        Decide(tolerant, "a casino story").ShouldBe(RecordDisposition.Kept);
        Decide(tolerant, "casino, casino").ShouldBe(RecordDisposition.Removed);
    }

    [Fact]
    public void qa_completeness_filter()
    {
        var op = new QaCompletenessFilter("question", "answer", 2);
        var records = new List<DataRecord>
        {
            new("full", new JsonObject { ["question"] = "什么是光合作用？", ["answer"] = "植物利用光能合成有机物的过程。" }),
            new("blank-question", new JsonObject { ["question"] = "  ", ["answer"] = "答案" }),
            new("no-answer", new JsonObject { ["question"] = "为什么？" }),
            new("short-answer", new JsonObject { ["question"] = "对吗？", ["answer"] = " 对 " }),
            new("wrong-type", new JsonObject { ["question"] = "几岁？", ["answer"] = 5 }),
        };

        var result = op.Process(records);

        result.Outcomes.Select(o => o.Disposition).ShouldBe([
            RecordDisposition.Kept, RecordDisposition.Removed, RecordDisposition.Removed, RecordDisposition.Removed, RecordDisposition.Unprocessable]);
        result.Outcomes[1].Reason!.Code.ShouldBe("QUESTION_EMPTY");
        result.Outcomes[3].Reason!.Code.ShouldBe("ANSWER_TOO_SHORT");
    }

    [Fact]
    public void taggers_write_under_tags_object()
    {
        var record = new DataRecord("r", new JsonObject { ["text"] = ChineseProse, ["_tags"] = new JsonObject { ["source"] = "web" } });

        var language = new LanguageTagger("text").Process([record]).OutputRecords.Single();
        var bucket = new LengthBucketTagger("text", 10, 100).Process([language]).OutputRecords.Single();
        var domains = new KeywordTagger("text", ["公园=travel", "花朵=nature", "股票=finance", "鸟=nature"], true).Process([bucket]).OutputRecords.Single();

        var tags = domains.Fields["_tags"]!.AsObject();
        tags["source"]!.GetValue<string>().ShouldBe("web");
        tags["language"]!.GetValue<string>().ShouldBe("zh");
        tags["languageScore"]!.GetValue<double>().ShouldBeGreaterThan(0.9);
        tags["lengthBucket"]!.GetValue<string>().ShouldBe("medium");
        tags["domains"]!.AsArray().Select(node => node!.GetValue<string>()).ShouldBe(["nature", "travel"]);
        record.Fields["_tags"]!.AsObject().Count.ShouldBe(1);
    }

    [Fact]
    public void quality_score_ranks_prose_above_spam()
    {
        var prose = QualityScoreTagger.Score(EnglishProse + " Members of the board said that the building had been restored with care and that its reading rooms would stay open late.");
        var spam = QualityScoreTagger.Score(string.Concat(Enumerable.Repeat("$$$ WIN $$$ !!! ", 12)));

        prose.ShouldBeInRange(0.6, 1.0);
        spam.ShouldBeInRange(0.0, 0.4);
        var tagged = new QualityScoreTagger("text").Process([Text("r", EnglishProse)]).Outcomes.Single();
        tagged.TagsAdded["qualityScore"]!.GetValue<double>().ShouldBeInRange(0.0, 1.0);
    }

    [Fact]
    public void tags_field_of_wrong_type_is_unprocessable()
    {
        var record = new DataRecord("r", new JsonObject { ["text"] = "hello", ["_tags"] = "oops" });

        var outcome = new LanguageTagger("text").Process([record]).Outcomes.Single();

        outcome.Disposition.ShouldBe(RecordDisposition.Unprocessable);
        outcome.Reason!.Code.ShouldBe("TAGS_FIELD_NOT_OBJECT");
    }
}
