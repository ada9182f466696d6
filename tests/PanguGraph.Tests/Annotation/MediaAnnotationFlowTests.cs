using System.Text.Json;
using PanguGraph.Tests.Platform;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Annotation;

/// <summary>
/// Annotate, reject, rework and approve cycles through GraphQL for video and audio datasets imported as media files.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class MediaAnnotationFlowTests(PlatformHost platform)
{
    public static TheoryData<string, string, string, string, string, string, string> Cycles => new()
    {
        {
            "VIDEO", "VIDEO_SEGMENT_LABELS", "video/mp4",
            """{"segments":[{"start":0,"end":2.5,"label":"goal"}]}""",
            """{"segments":[{"start":0,"end":2,"label":"goal"},{"start":2,"end":4,"label":"foul"}]}""",
            """{"segments":[{"start":3,"end":1,"label":"goal"}]}""",
            "segments.0.end"
        },
        {
            "VIDEO", "VIDEO_SEGMENT_CAPTIONS", "video/mp4",
            """{"segments":[{"start":0,"end":1,"caption":"一只猫跳上桌子"}]}""",
            """{"segments":[{"start":0,"end":1.5,"caption":"一只橘猫跳上木桌"}]}""",
            """{"segments":[{"start":0,"end":1}]}""",
            "segments.0.caption"
        },
        {
            "AUDIO", "AUDIO_TRANSCRIPTION", "audio/wav",
            """{"text":"今天天气很好"}""",
            """{"text":"今天天气很好，我们去公园吧。"}""",
            """{"text":""}""",
            "text"
        },
        {
            "AUDIO", "AUDIO_SEGMENT_LABELS", "audio/wav",
            """{"segments":[{"start":0,"end":1,"label":"speech"}]}""",
            """{"segments":[{"start":0,"end":1,"label":"speech"},{"start":1,"end":3,"label":"music"}]}""",
            """{"segments":[{"start":0,"end":1,"label":"noise"}]}""",
            "segments.0.label"
        },
    };

    [Theory]
    [MemberData(nameof(Cycles))]
    public async Task media_cycle_reject_rework_approve(
        string modality, string kind, string mediaType, string first, string rework, string wrongShape, string wrongField)
    {
        var s = await AnnotationScenario.StartAsync(platform, ("ann", "ANNOTATOR"), ("rev", "REVIEWER"));
        var (extension, file) = modality == "VIDEO" ? ("mp4", (Func<int, byte[]>)AnnotationScenario.Mp4) : ("wav", AnnotationScenario.Wav);
        var datasetId = await s.ImportMediaAsync(modality, extension, file, 2);
        var taskId = await s.CreateTaskOkAsync("admin", new
        {
            spaceId = s.Space.Id, datasetId, name = $"{kind} cycle", kind, reviewEnabled = true,
            labels = kind.EndsWith("_LABELS") ? new[] { "goal", "foul", "speech", "music" } : null,
            annotators = new[] { new { userId = s.User("ann"), count = 2 } },
            reviewers = new[] { new { userId = s.User("rev"), count = 2 } },
        });

        var item = (await s.NextAsync("ann", taskId))!.Value;
        item.GetProperty("source").GetProperty("mediaType").GetString().ShouldBe(mediaType);
        item.GetProperty("source").GetProperty("key").GetString()!.ShouldEndWith($".{extension}");
        item.GetProperty("comparison").ValueKind.ShouldBe(JsonValueKind.Null);
        var bad = await s.SubmitAsync("ann", item.GetProperty("id").GetString()!, wrongShape);
        AnnotationScenario.ErrorCode(bad).ShouldBe("ANNOTATION_SHAPE_INVALID");
        string.Join('.', bad.GetProperty("errors")[0].GetProperty("field").EnumerateArray().Skip(1).Select(f => f.GetString())).ShouldBe(wrongField);

        while (await s.NextAsync("ann", taskId) is { } next)
        {
            var submitted = await s.SubmitAsync("ann", next.GetProperty("id").GetString()!, first);
            AnnotationScenario.ErrorCode(submitted).ShouldBe("none", submitted.ToString());
            submitted.GetProperty("item").GetProperty("stage").GetString().ShouldBe("IN_REVIEW");
        }

        var rejectedItem = (await s.NextAsync("rev", taskId, "REVIEW"))!.Value;
        var rejectedId = rejectedItem.GetProperty("id").GetString()!;
        var rejected = await s.ReviewAsync("rev", rejectedId, false, "片段边界不准确");
        rejected.GetProperty("item").GetProperty("stage").GetString().ShouldBe("REWORK");

        var again = (await s.NextAsync("ann", taskId))!.Value;
        again.GetProperty("id").GetString().ShouldBe(rejectedId);
        again.GetProperty("lastRejectionReason").GetString().ShouldBe("片段边界不准确");
        AnnotationScenario.ErrorCode(await s.SubmitAsync("ann", rejectedId, rework)).ShouldBe("none");

        var reviewed = new List<string>();
        while (await s.NextAsync("rev", taskId, "REVIEW") is { } pending)
        {
            var id = pending.GetProperty("id").GetString()!;
            if (id == rejectedId)
            {
                // The review item shows the rework next to the annotation it replaced.
                Compact(pending.GetProperty("previousAnnotation")).ShouldBe(Compact(first));
                Compact(pending.GetProperty("annotation")).ShouldBe(Compact(rework));
            }

            reviewed.Add(id);
            AnnotationScenario.ErrorCode(await s.ReviewAsync("rev", id, true)).ShouldBe("none");
        }

        reviewed.Count.ShouldBe(2);
        var task = await s.WaitForTaskAsync(taskId, t => t.GetProperty("status").GetString() == "COMPLETED"
            && t.GetProperty("progress") is { ValueKind: JsonValueKind.Object } progress && progress.GetProperty("completed").GetBoolean());
        task.GetProperty("progress").GetProperty("rejections").GetInt32().ShouldBe(1);
        task.GetProperty("progress").GetProperty("done").GetInt32().ShouldBe(2);

        var dataset = (await s.Send("admin", "query($id: ID!) { dataset(id: $id) { modality statistics { recordCount } preview(limit: 5) } }",
            new { id = task.GetProperty("outputDatasetId").GetString() })).Data("dataset");
        dataset.GetProperty("modality").GetString().ShouldBe(modality);
        dataset.GetProperty("statistics").GetProperty("recordCount").GetInt64().ShouldBe(2);
        var lines = dataset.GetProperty("preview").EnumerateArray().ToList();
        lines.ShouldAllBe(l => l.GetProperty("source").GetProperty("mediaType").GetString() == mediaType);
        lines.ShouldAllBe(l => l.GetProperty("reviewer").GetString() == s.User("rev"));
        var reworked = lines.Single(l => l.GetProperty("reworkRounds").GetInt32() == 1);
        Compact(reworked.GetProperty("annotation")).ShouldBe(Compact(rework));
    }

    private static string Compact(JsonElement json) => JsonSerializer.Serialize(json);

    private static string Compact(string json) => Compact(JsonDocument.Parse(json).RootElement);
}
