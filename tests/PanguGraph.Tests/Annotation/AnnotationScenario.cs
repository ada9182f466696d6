using System.Text.Json;
using PanguGraph.Tests.Platform;
using Shouldly;

namespace PanguGraph.Tests.Annotation;

/// <summary>
/// GraphQL steps of annotation tests: a space with named members, a dataset, a task and its items.
/// </summary>
public sealed class AnnotationScenario(PlatformHost platform, TestSpace space)
{
    public PlatformHost Platform { get; } = platform;
    public TestSpace Space { get; } = space;
    public Dictionary<string, string> Keys { get; } = [];
    public Dictionary<string, string> UserIds { get; } = [];

    public static async Task<AnnotationScenario> StartAsync(PlatformHost platform, params (string Name, string Role)[] members)
    {
        var space = await platform.CreateSpaceAsync();
        var scenario = new AnnotationScenario(platform, space);
        scenario.Keys["admin"] = space.AdminKey;
        foreach (var (name, role) in members)
        {
            var userId = PlatformHost.Unique(name);
            scenario.UserIds[name] = userId;
            scenario.Keys[name] = await space.AddMemberAsync(userId, role);
        }

        return scenario;
    }

    public string User(string name) => UserIds[name];

    public async Task<string> ImportTextAsync(IEnumerable<object> records)
    {
        var jsonl = string.Concat(records.Select(r => JsonSerializer.Serialize(r) + "\n"));
        var bucket = await Platform.CreateBucketWithAsync(("data/records.jsonl", jsonl));
        var taskId = await Space.StartImportAsync(Space.AdminKey, new { bucket, prefix = "data/" });
        var task = await Platform.WaitForImportAsync(Space.AdminKey, taskId);
        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        return task.GetProperty("datasetId").GetString()!;
    }

    public async Task<string> ImportImagesAsync(int count)
    {
        var bucket = await Platform.CreateBucketWithAsync();
        for (var i = 0; i < count; i++)
        {
            byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, (byte)i];
            await Platform.PutAsync(bucket, $"img/{i:D2}.png", png);
        }

        var taskId = await Space.StartImportAsync(Space.AdminKey, new { bucket, prefix = "img/" }, format: "MEDIA_FILES", modality: "IMAGE");
        var task = await Platform.WaitForImportAsync(Space.AdminKey, taskId);
        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        return task.GetProperty("datasetId").GetString()!;
    }

    /// <summary>
    /// Imports small files with valid magic bytes as a MEDIA_FILES dataset of the given modality.
    /// </summary>
    public async Task<string> ImportMediaAsync(string modality, string extension, Func<int, byte[]> file, int count)
    {
        var bucket = await Platform.CreateBucketWithAsync();
        for (var i = 0; i < count; i++)
        {
            await Platform.PutAsync(bucket, $"media/{i:D2}.{extension}", file(i));
        }

        var taskId = await Space.StartImportAsync(Space.AdminKey, new { bucket, prefix = "media/" }, format: "MEDIA_FILES", modality: modality);
        var task = await Platform.WaitForImportAsync(Space.AdminKey, taskId);
        task.GetProperty("status").GetString().ShouldBe("SUCCEEDED", task.ToString());
        return task.GetProperty("datasetId").GetString()!;
    }

    public static byte[] Wav(int seed) => [.. "RIFF"u8, 36, 0, 0, 0, .. "WAVEfmt "u8, 16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1F, 0, 0, 0x80, 0x3E, 0, 0, 2, 0, 16, 0, (byte)seed];

    public static byte[] Mp4(int seed) => [0, 0, 0, 24, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2"u8, 0, 0, 0, 8, .. "free"u8, (byte)seed];

    public Task<GraphQLResponse> Send(string who, string query, object? variables = null, string? language = null) =>
        Platform.GraphQL(Keys[who], query, variables, language);

    public async Task<GraphQLResponse> CreateTaskAsync(string who, object input) =>
        await Send(who, """
            mutation($input: CreateAnnotationTaskInput!) {
              createAnnotationTask(input: $input) { task { id itemCount status kind annotators { userId count } } errors { code message field } }
            }
            """, new { input });

    public async Task<string> CreateTaskOkAsync(string who, object input)
    {
        var response = await CreateTaskAsync(who, input);
        var payload = response.Data("createAnnotationTask");
        payload.GetProperty("errors").GetArrayLength().ShouldBe(0, response.Raw);
        return payload.GetProperty("task").GetProperty("id").GetString()!;
    }

    public async Task<JsonElement?> NextAsync(string who, string taskId, string duty = "ANNOTATION")
    {
        var response = await Send(who, """
            query($taskId: ID!, $duty: Duty) { nextAnnotationItem(taskId: $taskId, duty: $duty) {
              id index stage source annotation previousAnnotation preAnnotation machineMade preAnnotationError version annotator reviewer
              reworkRounds lastRejectionReason comparison { source annotation previousAnnotation } } }
            """, new { taskId, duty });
        response.Errors.ShouldBeEmpty(response.Raw);
        var item = response.Data("nextAnnotationItem");
        return item.ValueKind == JsonValueKind.Null ? null : item;
    }

    public async Task<JsonElement> SubmitAsync(string who, string itemId, object annotation, long? expectedVersion = null, string? language = null)
    {
        var response = await Send(who, """
            mutation($input: SubmitAnnotationInput!) {
              submitAnnotation(input: $input) { item { id stage annotation origin version } errors { code message field } }
            }
            """, new { input = new { itemId, annotation = annotation as string ?? JsonSerializer.Serialize(annotation), expectedVersion } }, language);
        response.Errors.ShouldBeEmpty(response.Raw);
        return response.Data("submitAnnotation");
    }

    public async Task<JsonElement> ReviewAsync(string who, string itemId, bool passed, string? reason = null)
    {
        var response = await Send(who, """
            mutation($input: ReviewAnnotationInput!) {
              reviewAnnotation(input: $input) { item { id stage reworkRounds lastRejectionReason } errors { code message field } }
            }
            """, new { input = new { itemId, passed, reason } });
        response.Errors.ShouldBeEmpty(response.Raw);
        return response.Data("reviewAnnotation");
    }

    public async Task<JsonElement> TaskMutationAsync(string who, string mutation, string inputType, object input)
    {
        var response = await Send(who, $$"""
            mutation($input: {{inputType}}!) { {{mutation}}(input: $input) { task { id status } errors { code message field } } }
            """, new { input });
        response.Errors.ShouldBeEmpty(response.Raw);
        return response.Data(mutation);
    }

    public async Task<JsonElement> TaskAsync(string who, string taskId)
    {
        var response = await Send(who, """
            query($id: ID!) { annotationTask(id: $id) { id status itemCount outputDatasetId
              progress { total unannotated inReview rework done submits reviews rejections sentBack transfers rejectionRate reworkRounds
                preAnnotated preAnnotationFailures acceptedPreAnnotations completed lastSequence
                people { userId annotationsHeld submits reworks reviewsHeld passed rejected } } } }
            """, new { id = taskId });
        response.Errors.ShouldBeEmpty(response.Raw);
        return response.Data("annotationTask");
    }

    /// <summary>
    /// Polls the task until a condition holds: completion and async counts trail the mutations.
    /// </summary>
    public async Task<JsonElement> WaitForTaskAsync(string taskId, Func<JsonElement, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var task = await TaskAsync("admin", taskId);
            if (Holds(condition, task))
            {
                return task;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Task {taskId} did not reach the expected state: {task}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Evaluates a wait condition. The progress view is written by the async daemon, so right after
    /// a mutation it can still be null; a condition that reads into it then counts as not met yet.
    /// </summary>
    private static bool Holds(Func<JsonElement, bool> condition, JsonElement task)
    {
        try
        {
            return condition(task);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static string ErrorCode(JsonElement payload) =>
        payload.GetProperty("errors").GetArrayLength() == 0 ? "none" : payload.GetProperty("errors")[0].GetProperty("code").GetString()!;
}
