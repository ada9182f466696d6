using System.Text.Json.Nodes;
using PanguGraph.Compute.Processing.Operators.Contracts;
using PanguGraph.Compute.Processing.Operators.Text.Mapping;
using Shouldly;
using Xunit;
using static PanguGraph.Tests.Processing.RecordFactory;

namespace PanguGraph.Tests.Processing;

public class TextMapperTests
{
    private static readonly string[] AllPiiKinds =
        ["url", "email", "ipv6", "ipv4", "id_card", "bank_card", "international_phone", "mobile_phone", "landline_phone"];

    private readonly PiiMasker _pii = new("text", AllPiiKinds, "placeholder");

    [Fact]
    public void nfkc_folds_full_width()
    {
        var op = new NfkcNormalizer("text");

        var result = op.Process([Text("a", "ＡＢＣ１２３，ｈｅｌｌｏ ﬁ")]);

        var outcome = result.Outcomes.Single();
        OutputText(outcome).ShouldBe("ABC123,hello fi");
        outcome.Change!.Before.ShouldBe("ＡＢＣ１２３，ｈｅｌｌｏ ﬁ");
        result.ModifiedCount.ShouldBe(1);
    }

    [Fact]
    public void unchanged_text_is_not_modified()
    {
        var result = new NfkcNormalizer("text").Process([Text("a", "plain text")]);

        result.ModifiedCount.ShouldBe(0);
        result.Outcomes.Single().Disposition.ShouldBe(RecordDisposition.Kept);
    }

    [Fact]
    public void whitespace_clean_collapses_and_strips()
    {
        var op = new WhitespaceCleaner("text", removeControlCharacters: true, collapseSpaces: true, maxConsecutiveNewlines: 2, trim: true);

        var cleaned = ProcessOne(op, "  Hello\u00A0\u3000 world\u200B!\u0007  \r\n\r\n\r\n\r\n  第二段\t\t内容  ");

        cleaned.ShouldBe("Hello world!\n\n第二段 内容");
    }

    [Fact]
    public void markup_strip_html_and_markdown()
    {
        var op = new MarkupStripper("text", stripHtml: true, stripMarkdown: true, keepLinkText: true);

        var html = ProcessOne(op, "<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><p>Fish &amp; chips</p><!-- note --><p>价格 &lt; 10 元<br/>现在</p><img src=\"a.png\" alt=\"logo\"></body></html>");
        var markdown = ProcessOne(op, "# Title\n\nSome **bold** and *italic* text with `code` and a [link](https://example.org).\n\n- item one\n1. item two\n> quoted\n\n```python\nprint(1)\n```\n![diagram](d.png)\n---\n| a | b |\n|---|---|\n| 1 | 2 |");

        html.ShouldBe("Fish & chips\n价格 < 10 元\n现在\nlogo");
        markdown.ShouldContain("Title\n\nSome bold and italic text with code and a link.");
        markdown.ShouldContain("item one\nitem two\nquoted");
        markdown.ShouldContain("print(1)");
        markdown.ShouldContain("diagram");
        markdown.ShouldNotContain("```");
        markdown.ShouldNotContain("](");
        markdown.ShouldNotContain("---");
        markdown.ShouldNotContain("|");
    }

    [Fact]
    public void markup_strip_keeps_email_text()
    {
        var op = new MarkupStripper("text", stripHtml: true, stripMarkdown: true, keepLinkText: true);
        var email = "    From:        Chris Garrigues <cwg-dated-1030377287.06fa6d@DeepEddy.Com>\n" +
                    "    Message-ID:  <1029945287.4797.TMDA@deepeddy.vircio.com>\n\n" +
                    "  | I can't reproduce this error.\n\n" +
                    ">>From the log:\n> quoted reply\n" +
                    "See <https://example.org/a?b=1> or <b>bold</b> and <a href=\"x\">link</a>.";

        var stripped = ProcessOne(op, email);

        stripped.ShouldContain("Chris Garrigues <cwg-dated-1030377287.06fa6d@DeepEddy.Com>");
        stripped.ShouldContain("<1029945287.4797.TMDA@deepeddy.vircio.com>");
        stripped.ShouldContain("  | I can't reproduce this error.");
        stripped.ShouldContain(">>From the log:\n> quoted reply");
        stripped.ShouldContain("See https://example.org/a?b=1 or bold and link.");
    }

    [Fact]
    public void markup_strip_table_pipes_only_in_tables()
    {
        var op = new MarkupStripper("text", stripHtml: false, stripMarkdown: true, keepLinkText: true);

        var stripped = ProcessOne(op, "# Prices\n\nshell | grep x\n\n| item | price |\n|---|---:|\n| tea | 3 |\n\nafter | table");

        stripped.ShouldBe("Prices\n\nshell | grep x\n\nitem price\ntea 3\n\nafter | table");
    }

    [Fact]
    public void traditional_poem_lines_become_simplified()
    {
        var op = new TraditionalToSimplifiedConverter("text", "t2s");

        // 王之涣《登鹳雀楼》 and 孟浩然《春晓》 in traditional characters.
        ProcessOne(op, "白日依山盡，黃河入海流。欲窮千里目，更上一層樓。").ShouldBe("白日依山尽，黄河入海流。欲穷千里目，更上一层楼。");
        ProcessOne(op, "春眠不覺曉，處處聞啼鳥。夜來風雨聲，花落知多少。").ShouldBe("春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。");
    }

    [Fact]
    public void taiwan_phrases_convert_with_tw2sp()
    {
        var op = new TraditionalToSimplifiedConverter("text", "tw2sp");

        ProcessOne(op, "我的滑鼠和軟體").ShouldBe("我的鼠标和软件");
    }

    [Fact]
    public void missing_opencc_config_fails_clearly()
    {
        var error = Should.Throw<OpenCcUnavailableException>(() => new TraditionalToSimplifiedConverter("text", "t2s", "/nonexistent/opencc"));

        error.Message.ShouldContain("libopencc-data");
    }

    [Fact]
    public void resident_id_checksum_decides_masking()
    {
        PiiMasker.IsValidResidentId("11010519491231002X").ShouldBeTrue();
        PiiMasker.IsValidResidentId("110105194912310021").ShouldBeFalse();

        var masked = ProcessOne(_pii, "身份证号11010519491231002X，另一个110105194912310021无效。");

        masked.ShouldBe("身份证号[ID_CARD]，另一个110105194912310021无效。");
    }

    [Fact]
    public void bank_card_needs_luhn()
    {
        PiiMasker.IsLuhnValid("4111 1111 1111 1111").ShouldBeTrue();
        PiiMasker.IsLuhnValid("4111 1111 1111 1112").ShouldBeFalse();

        var masked = ProcessOne(_pii, "卡号 4111 1111 1111 1111 和 6222021234567890128 有效，4111111111111112 无效");

        masked.ShouldBe("卡号 [BANK_CARD] 和 [BANK_CARD] 有效，4111111111111112 无效");
    }

    [Fact]
    public void phones_emails_ips_urls_masked()
    {
        var text = "联系 zhang.san@example.com 或 13812345678、+86 139-1234-5678，座机 010-62345678 或 (0755)82345678，" +
                   "海外 +1 415-555-0132 / +44 20 7946 0958。服务器 192.168.10.20 与 2001:db8::8a2e:370:7334，" +
                   "文档见 https://docs.example.com/a?b=1 或 www.example.org/path。版本 1.2.3 不是 IP，时间 12:30:45 不是地址。";

        var masked = ProcessOne(_pii, text);

        masked.ShouldBe("联系 [EMAIL] 或 [MOBILE_PHONE]、[MOBILE_PHONE]，座机 [LANDLINE_PHONE] 或 [LANDLINE_PHONE]，" +
                        "海外 [INTERNATIONAL_PHONE] / [INTERNATIONAL_PHONE]。服务器 [IPV4] 与 [IPV6]，" +
                        "文档见 [URL] 或 [URL]。版本 1.2.3 不是 IP，时间 12:30:45 不是地址。");
    }

    [Fact]
    public void pii_asterisk_style_and_kind_selection()
    {
        var op = new PiiMasker("text", ["email"], "asterisk");

        ProcessOne(op, "mail a@b.cn call 13812345678").ShouldBe("mail ****** call 13812345678");
    }

    [Fact]
    public void sensitive_words_masked_per_character()
    {
        var op = new SensitiveWordMasker("text", ["赌博", "赌博网站", "Scam"], "*", ignoreCase: true);

        ProcessOne(op, "远离赌博网站和赌博，beware of SCAM offers").ShouldBe("远离****和**，beware of **** offers");
    }

    [Fact]
    public void unreadable_records_are_reported()
    {
        var records = new List<DataRecord>
        {
            Text("ok", "ＡＢＣ"),
            new("missing", new JsonObject { ["other"] = "x" }),
            new("number", new JsonObject { ["text"] = 42 }),
            new("null", new JsonObject { ["text"] = null }),
        };

        var result = new NfkcNormalizer("text").Process(records);

        result.UnprocessableCount.ShouldBe(3);
        result.KeptCount.ShouldBe(1);
        result.Outcomes.Single(o => o.RecordId == "missing").Reason!.Code.ShouldBe(OutcomeCodes.FieldMissing);
        result.Outcomes.Single(o => o.RecordId == "number").Reason!.Code.ShouldBe(OutcomeCodes.FieldNotString);
        result.Outcomes.Single(o => o.RecordId == "null").Reason!.Code.ShouldBe(OutcomeCodes.FieldMissing);
        result.OutputRecords.Count.ShouldBe(4);
    }
}
