using PanguGraph.Domain.Annotation;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Annotation;

public sealed class AnnotationShapeTests
{
    private static readonly string[] Labels = ["cat", "dog"];

    [Theory]
    [InlineData(ItemKind.TextSingleTurnQa, """{"question":"q","answer":"a","extra":1}""", """{"question":"q","answer":"a"}""")]
    [InlineData(ItemKind.TextSingleTurnQaWithPersona, """{"answer":"a","question":"q","persona":"teacher"}""", """{"persona":"teacher","question":"q","answer":"a"}""")]
    [InlineData(ItemKind.TextMultiTurnDialogue, """{"turns":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}""", """{"turns":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}""")]
    [InlineData(ItemKind.TextAnswerRanking, """{"prompt":"p","answers":["a","b","c"],"ranking":[2,0,1]}""", """{"prompt":"p","answers":["a","b","c"],"ranking":[2,0,1]}""")]
    [InlineData(ItemKind.TextPreferencePair, """{"prompt":"p","chosen":"good","rejected":"bad"}""", """{"prompt":"p","chosen":"good","rejected":"bad"}""")]
    [InlineData(ItemKind.TextClassification, """{"label":"cat"}""", """{"label":"cat"}""")]
    [InlineData(ItemKind.ImageCaption, """{"caption":"a red bus"}""", """{"caption":"a red bus"}""")]
    [InlineData(ItemKind.ImageClassification, """{"label":"dog"}""", """{"label":"dog"}""")]
    [InlineData(ItemKind.ImageObjectDetection, """{"boxes":[{"label":"cat","x":0,"y":1.5,"width":10,"height":20}]}""", """{"boxes":[{"label":"cat","x":0,"y":1.5,"width":10,"height":20}]}""")]
    [InlineData(ItemKind.VideoSegmentLabels, """{"segments":[{"start":0,"end":2.5,"label":"dog"}]}""", """{"segments":[{"start":0,"end":2.5,"label":"dog"}]}""")]
    [InlineData(ItemKind.VideoSegmentCaptions, """{"segments":[{"start":1,"end":2,"caption":"a dog runs"}]}""", """{"segments":[{"start":1,"end":2,"caption":"a dog runs"}]}""")]
    [InlineData(ItemKind.AudioTranscription, """{"text":"你好"}""", """{"text":"你好"}""")]
    [InlineData(ItemKind.AudioSegmentLabels, """{"segments":[{"start":0,"end":1,"label":"cat"}]}""", """{"segments":[{"start":0,"end":1,"label":"cat"}]}""")]
    public void valid_shape_is_canonicalised(ItemKind kind, string input, string expected)
    {
        var (canonical, error) = AnnotationShapes.Validate(kind, input, Labels);
        error.ShouldBeNull(error?.MessageEn);
        canonical.ShouldBe(expected);
    }

    [Theory]
    [InlineData(ItemKind.TextSingleTurnQa, """{"question":"q"}""", "annotation.answer")]
    [InlineData(ItemKind.TextSingleTurnQa, """{"question":"q","answer":"  "}""", "annotation.answer")]
    [InlineData(ItemKind.TextSingleTurnQa, """{"question":"q","answer":5}""", "annotation.answer")]
    [InlineData(ItemKind.TextSingleTurnQa, """not json""", "annotation")]
    [InlineData(ItemKind.TextSingleTurnQa, """["q","a"]""", "annotation")]
    [InlineData(ItemKind.TextMultiTurnDialogue, """{"turns":[{"role":"user","content":"a"},{"role":"user","content":"b"}]}""", "annotation.turns")]
    [InlineData(ItemKind.TextMultiTurnDialogue, """{"turns":[{"role":"bot","content":"a"},{"role":"user","content":"b"}]}""", "annotation.turns.0.role")]
    [InlineData(ItemKind.TextAnswerRanking, """{"prompt":"p","answers":["a","b"],"ranking":[0,0]}""", "annotation.ranking")]
    [InlineData(ItemKind.TextPreferencePair, """{"prompt":"p","chosen":"x","rejected":"x"}""", "annotation.rejected")]
    [InlineData(ItemKind.TextClassification, """{"label":"bird"}""", "annotation.label")]
    [InlineData(ItemKind.ImageObjectDetection, """{"boxes":[{"label":"cat","x":0,"y":0,"width":0,"height":3}]}""", "annotation.boxes.0")]
    [InlineData(ItemKind.ImageObjectDetection, """{"boxes":[]}""", "annotation.boxes")]
    [InlineData(ItemKind.VideoSegmentLabels, """{"segments":[{"start":3,"end":2,"label":"cat"}]}""", "annotation.segments.0.end")]
    [InlineData(ItemKind.AudioTranscription, """{"caption":"x"}""", "annotation.text")]
    public void wrong_shape_names_the_field(ItemKind kind, string input, string field)
    {
        var (canonical, error) = AnnotationShapes.Validate(kind, input, Labels);
        canonical.ShouldBeNull();
        error.ShouldNotBeNull();
        error.Code.ShouldBe("ANNOTATION_SHAPE_INVALID");
        string.Join('.', error.Field!).ShouldBe(field);
        error.MessageZh.ShouldContain("格式");
    }

    [Fact]
    public void empty_annotation_is_required()
    {
        AnnotationShapes.Validate(ItemKind.ImageCaption, " ", []).Error!.Code.ShouldBe("REQUIRED");
    }
}
