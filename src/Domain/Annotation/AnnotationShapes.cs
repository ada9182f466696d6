using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PanguGraph.Domain.Common;

namespace PanguGraph.Domain.Annotation;

/// <summary>
/// Validates an annotation against the shape its item kind fixes and returns it in canonical form
/// (known fields only, in a fixed order), so that equal annotations compare equal as strings.
/// </summary>
/// <remarks>
/// Shapes, as JSON objects:
/// single-turn QA {question, answer}; with persona {persona, question, answer};
/// multi-turn dialogue {turns: [{role: user|assistant, content}]} with at least one turn of each role;
/// answer ranking {prompt, answers: [..], ranking: [indexes of answers, best first]};
/// preference pair {prompt, chosen, rejected} with chosen different from rejected;
/// classification {label}; image caption {caption}; object detection {boxes: [{label, x, y, width, height}]};
/// segment labels {segments: [{start, end, label}]}; segment captions {segments: [{start, end, caption}]};
/// audio transcription {text}. Times are seconds; box coordinates are pixels from the top-left corner.
/// </remarks>
public static class AnnotationShapes
{
    public const int MaxTextLength = 20_000;
    public const int MaxListLength = 500;
    public const string Field = "annotation";

    // Canonical text keeps Chinese and other non-ASCII characters as they are; it is stored and
    // compared, never embedded in HTML.
    private static readonly JsonSerializerOptions CanonicalJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static (string? Canonical, DomainError? Error) Validate(ItemKind kind, string? json, IReadOnlyList<string> labels)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return (null, Errors.Required(Field));
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject
                   ?? throw new ShapeException([], "expected a JSON object.", "应为 JSON 对象。");
            var canonical = kind switch
            {
                ItemKind.TextSingleTurnQa => Object(("question", Str(root, "question")), ("answer", Str(root, "answer"))),
                ItemKind.TextSingleTurnQaWithPersona => Object(
                    ("persona", Str(root, "persona")), ("question", Str(root, "question")), ("answer", Str(root, "answer"))),
                ItemKind.TextMultiTurnDialogue => Dialogue(root),
                ItemKind.TextAnswerRanking => Ranking(root),
                ItemKind.TextPreferencePair => Preference(root),
                ItemKind.TextClassification or ItemKind.ImageClassification => Object(("label", Label(root, "label", labels, []))),
                ItemKind.ImageCaption => Object(("caption", Str(root, "caption"))),
                ItemKind.ImageObjectDetection => Boxes(root, labels),
                ItemKind.VideoSegmentLabels or ItemKind.AudioSegmentLabels => Segments(root, "label", labels),
                ItemKind.VideoSegmentCaptions => Segments(root, "caption", labels),
                ItemKind.AudioTranscription => Object(("text", Str(root, "text"))),
                _ => throw new ShapeException([], $"item kind {ApiNames.Of(kind)} has no shape.", $"标注项 {ApiNames.Of(kind)} 没有定义格式。"),
            };
            return (canonical.ToJsonString(CanonicalJson), null);
        }
        catch (JsonException)
        {
            return (null, Invalid([], "it is not valid JSON.", "不是合法的 JSON。", kind));
        }
        catch (ShapeException shape)
        {
            return (null, Invalid(shape.Path, shape.ReasonEn, shape.ReasonZh, kind));
        }
    }

    private static DomainError Invalid(IReadOnlyList<string> path, string reasonEn, string reasonZh, ItemKind kind)
    {
        var where = path.Count == 0 ? Field : $"{Field}.{string.Join('.', path)}";
        return new DomainError(
            "ANNOTATION_SHAPE_INVALID",
            $"The annotation does not fit the item kind {ApiNames.Of(kind)}: '{where}' {reasonEn} Fix it and submit again.",
            $"标注内容不符合标注项 {ApiNames.Of(kind)} 的格式：“{where}”{reasonZh}请修改后重新提交。",
            [Field, .. path]);
    }

    private static JsonObject Object(params (string Name, JsonNode? Value)[] fields)
    {
        var result = new JsonObject();
        foreach (var (name, value) in fields)
        {
            result[name] = value;
        }

        return result;
    }

    private static JsonNode Str(JsonObject parent, string name, params string[] path)
    {
        string[] at = [.. path, name];
        if (!parent.TryGetPropertyValue(name, out var node) || node is null)
        {
            throw new ShapeException(at, "is missing.", "缺失。");
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            throw new ShapeException(at, "must be a string.", "必须是字符串。");
        }

        var text = node.GetValue<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ShapeException(at, "must not be empty.", "不能为空。");
        }

        if (text.Length > MaxTextLength)
        {
            throw new ShapeException(at, $"is longer than {MaxTextLength} characters.", $"超过 {MaxTextLength} 个字符。");
        }

        return JsonValue.Create(text)!;
    }

    private static JsonNode Label(JsonObject parent, string name, IReadOnlyList<string> labels, string[] path)
    {
        var value = Str(parent, name, path);
        var text = value.GetValue<string>();
        if (labels.Count > 0 && !labels.Contains(text))
        {
            var list = string.Join(", ", labels);
            throw new ShapeException([.. path, name], $"'{text}' is not one of the task's labels ({list}).", $"“{text}”不在任务的标签集中（{list}）。");
        }

        return value;
    }

    private static double Number(JsonObject parent, string name, string[] path, double min)
    {
        string[] at = [.. path, name];
        if (!parent.TryGetPropertyValue(name, out var node) || node is null)
        {
            throw new ShapeException(at, "is missing.", "缺失。");
        }

        if (node.GetValueKind() != JsonValueKind.Number)
        {
            throw new ShapeException(at, "must be a number.", "必须是数字。");
        }

        var value = node.GetValue<double>();
        if (double.IsNaN(value) || value < min)
        {
            throw new ShapeException(at, $"must be at least {min}.", $"不能小于 {min}。");
        }

        return value;
    }

    private static JsonArray Array(JsonObject parent, string name, int minCount)
    {
        if (!parent.TryGetPropertyValue(name, out var node) || node is not JsonArray array)
        {
            throw new ShapeException([name], "must be a list.", "必须是列表。");
        }

        if (array.Count < minCount)
        {
            throw new ShapeException([name], $"needs at least {minCount} entries.", $"至少需要 {minCount} 项。");
        }

        if (array.Count > MaxListLength)
        {
            throw new ShapeException([name], $"has more than {MaxListLength} entries.", $"超过 {MaxListLength} 项。");
        }

        return array;
    }

    private static JsonObject Entry(JsonArray array, int index, string name) =>
        array[index] as JsonObject ?? throw new ShapeException([name, index.ToString()], "must be an object.", "必须是对象。");

    private static JsonObject Dialogue(JsonObject root)
    {
        var turns = Array(root, "turns", 2);
        var result = new JsonArray();
        for (var i = 0; i < turns.Count; i++)
        {
            var turn = Entry(turns, i, "turns");
            string[] path = ["turns", i.ToString()];
            var role = Str(turn, "role", path).GetValue<string>();
            if (role is not ("user" or "assistant"))
            {
                throw new ShapeException([.. path, "role"], "must be 'user' or 'assistant'.", "必须是“user”或“assistant”。");
            }

            result.Add(Object(("role", JsonValue.Create(role)), ("content", Str(turn, "content", path))));
        }

        var roles = result.Select(t => t!["role"]!.GetValue<string>()).ToHashSet();
        if (roles.Count < 2)
        {
            throw new ShapeException(["turns"], "needs at least one user turn and one assistant turn.", "至少需要一轮用户发言和一轮助手回复。");
        }

        return Object(("turns", result));
    }

    private static JsonObject Ranking(JsonObject root)
    {
        var prompt = Str(root, "prompt");
        var answers = Array(root, "answers", 2);
        var answerCopy = new JsonArray();
        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetValue<string>()))
            {
                throw new ShapeException(["answers", i.ToString()], "must be a non-empty string.", "必须是非空字符串。");
            }

            answerCopy.Add(value.GetValue<string>());
        }

        var ranking = Array(root, "ranking", answers.Count);
        var order = new List<int>();
        for (var i = 0; i < ranking.Count; i++)
        {
            if (ranking[i] is not JsonValue value || value.GetValueKind() != JsonValueKind.Number || !value.TryGetValue<int>(out var index))
            {
                throw new ShapeException(["ranking", i.ToString()], "must be an answer index (an integer).", "必须是答案序号（整数）。");
            }

            order.Add(index);
        }

        if (order.Count != answers.Count || order.Order().Select((value, i) => value == i).Any(ok => !ok))
        {
            throw new ShapeException(
                ["ranking"],
                $"must list every answer index from 0 to {answers.Count - 1} exactly once, best first.",
                $"必须按从好到差的顺序列出 0 到 {answers.Count - 1} 的每个答案序号，且各出现一次。");
        }

        return Object(("prompt", prompt), ("answers", answerCopy), ("ranking", new JsonArray(order.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray())));
    }

    private static JsonObject Preference(JsonObject root)
    {
        var prompt = Str(root, "prompt");
        var chosen = Str(root, "chosen");
        var rejected = Str(root, "rejected");
        if (chosen.GetValue<string>() == rejected.GetValue<string>())
        {
            throw new ShapeException(["rejected"], "must differ from 'chosen'.", "不能与“chosen”相同。");
        }

        return Object(("prompt", prompt), ("chosen", chosen), ("rejected", rejected));
    }

    private static JsonObject Boxes(JsonObject root, IReadOnlyList<string> labels)
    {
        var boxes = Array(root, "boxes", 1);
        var result = new JsonArray();
        for (var i = 0; i < boxes.Count; i++)
        {
            var box = Entry(boxes, i, "boxes");
            string[] path = ["boxes", i.ToString()];
            var label = Label(box, "label", labels, path);
            var x = Number(box, "x", path, 0);
            var y = Number(box, "y", path, 0);
            var width = Number(box, "width", path, 0);
            var height = Number(box, "height", path, 0);
            if (width <= 0 || height <= 0)
            {
                throw new ShapeException(path, "needs a width and a height greater than 0.", "的宽和高必须大于 0。");
            }

            result.Add(Object(("label", label), ("x", x), ("y", y), ("width", width), ("height", height)));
        }

        return Object(("boxes", result));
    }

    private static JsonObject Segments(JsonObject root, string textField, IReadOnlyList<string> labels)
    {
        var segments = Array(root, "segments", 1);
        var result = new JsonArray();
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = Entry(segments, i, "segments");
            string[] path = ["segments", i.ToString()];
            var start = Number(segment, "start", path, 0);
            var end = Number(segment, "end", path, 0);
            if (end <= start)
            {
                throw new ShapeException([.. path, "end"], "must be later than 'start'.", "必须晚于“start”。");
            }

            var text = textField == "label" ? Label(segment, "label", labels, path) : Str(segment, textField, path);
            result.Add(Object(("start", start), ("end", end), (textField, text)));
        }

        return Object(("segments", result));
    }

    private sealed class ShapeException(IReadOnlyList<string> path, string reasonEn, string reasonZh) : Exception(reasonEn)
    {
        public IReadOnlyList<string> Path { get; } = path;
        public string ReasonEn { get; } = reasonEn;
        public string ReasonZh { get; } = reasonZh;
    }
}
