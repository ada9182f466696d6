using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using PanguGraph.Compute.Storage;
using PanguGraph.Domain.Annotation;
using PanguGraph.Projections.Annotation;
using PanguGraph.Projections.Audit;

namespace PanguGraph.Compute.Annotation;

/// <summary>
/// Asks the task's registered model endpoint for a proposal for every item nobody has touched yet,
/// one item at a time. A timeout, an HTTP error or a reply of the wrong shape records
/// ItemPreAnnotationFailed on that item and moves on; the item stays unannotated.
/// </summary>
/// <remarks>
/// The URL comes only from the endpoint registered in the task's space. Proposals go to the item
/// streams, never to the source dataset. An item submitted while its call was running keeps the
/// person's annotation: the decision then appends nothing.
/// </remarks>
public sealed class RunPreAnnotationHandler(
    IDocumentStore store, IObjectStorage storage, IOptions<StorageOptions> storageOptions, IOptions<PreAnnotationOptions> options, IClock clock, ILogger<RunPreAnnotationHandler> logger)
{
    public const string SystemActor = "system";

    private static readonly string[] QuestionFields = ["question", "prompt", "instruction", "query", "input", "q", "text"];
    private static readonly string[] PersonaFields = ["persona", "system", "role"];

    public async Task Handle(RunPreAnnotation message, CancellationToken cancellationToken)
    {
        AnnotationTask? task;
        ModelEndpointView? endpoint;
        List<AnnotationItemView> items;
        await using (var query = store.QuerySession())
        {
            task = await query.Events.AggregateStreamAsync<AnnotationTask>(message.TaskId, token: cancellationToken);
            endpoint = task?.Config.ModelEndpointId is { } id ? await query.LoadAsync<ModelEndpointView>(id, cancellationToken) : null;
            items = task is null ? [] : (await query.Query<AnnotationItemView>()
                .Where(i => i.TaskId == message.TaskId && i.Stage == ItemStage.Unannotated && i.PreAnnotation == null && i.PreAnnotationError == null)
                .OrderBy(i => i.Index)
                .ToListAsync(cancellationToken)).ToList();
        }

        if (task is null || task.IsCompleted || endpoint is null || endpoint.SpaceId != task.SpaceId)
        {
            logger.LogWarning("Pre-annotation of task {TaskId} skipped: task missing, completed or without a registered endpoint", message.TaskId);
            return;
        }

        var succeeded = 0;
        foreach (var item in items)
        {
            string? content = null;
            (string Code, string Reason)? failure = null;
            try
            {
                content = await ProposeAsync(task, endpoint, item, cancellationToken);
            }
            catch (ModelCallException exception)
            {
                failure = (exception.Code, exception.Message);
            }

            if (failure is not null)
            {
                logger.LogWarning("Pre-annotation of item {ItemId} in task {TaskId} failed with {Code}: {Reason}", item.Id, task.Id, failure.Value.Code, failure.Value.Reason);
            }
            else
            {
                succeeded++;
            }

            await RecordAsync(item.Id, content, failure, endpoint.Model, cancellationToken);
        }

        logger.LogInformation("Pre-annotation of task {TaskId} finished: {Succeeded} of {Total} items", task.Id, succeeded, items.Count);
    }

    private async Task RecordAsync(Guid itemId, string? content, (string Code, string Reason)? failure, string model, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.StampActor(SystemActor);
        var stream = await session.Events.FetchForWriting<AnnotationItem>(itemId, cancellationToken);
        var now = clock.GetCurrentInstant();
        var decision = content is not null
            ? stream.Aggregate!.PreAnnotate(content, model, now)
            : stream.Aggregate!.FailPreAnnotation(failure!.Value.Code, failure.Value.Reason, now);
        if (decision.Events.Count == 0)
        {
            return;
        }

        stream.AppendMany(decision.Events.ToArray());
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception.GetType().Name is "ConcurrencyException" or "EventStreamUnexpectedMaxEventIdException")
        {
            // A person changed the item meanwhile; their work wins and the proposal is dropped.
            logger.LogInformation("Pre-annotation of item {ItemId} dropped: the item changed during the model call", itemId);
        }
    }

    /// <summary>
    /// Builds the prompt for the item's kind, calls the model and validates the reply against the kind's shape.
    /// </summary>
    private async Task<string> ProposeAsync(AnnotationTask task, ModelEndpointView endpoint, AnnotationItemView item, CancellationToken cancellationToken)
    {
        var source = JsonNode.Parse(item.Source) as JsonObject ?? [];
        JsonArray messages;
        JsonObject candidate;
        if (task.Config.Kind == ItemKind.ImageCaption)
        {
            var image = await ReadImageDataUrlAsync(source, cancellationToken);
            messages =
            [
                new JsonObject { ["role"] = "system", ["content"] = "Describe the image in one or two sentences. Reply only with a JSON object {\"caption\": \"...\"}." },
                new JsonObject
                {
                    ["role"] = "user",
                    ["content"] = new JsonArray(
                        new JsonObject { ["type"] = "text", ["text"] = "Write a caption for this image." },
                        new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = image } }),
                },
            ];
            var reply = ParseReply(await ChatModelClient.CompleteAsync(endpoint.Url, endpoint.Model, messages, options.Value.Timeout, cancellationToken));
            candidate = new JsonObject { ["caption"] = reply["caption"]?.DeepClone() };
        }
        else
        {
            var question = FirstText(source, QuestionFields)
                           ?? throw new ModelCallException("SOURCE_HAS_NO_QUESTION", $"The source record has none of the fields {string.Join(", ", QuestionFields)} to ask the model.");
            var persona = task.Config.Kind == ItemKind.TextSingleTurnQaWithPersona ? FirstText(source, PersonaFields) : null;
            var system = "Answer the user's question. Reply only with a JSON object {\"answer\": \"...\"}.";
            messages =
            [
                new JsonObject { ["role"] = "system", ["content"] = persona is null ? system : $"{persona}\n\n{system}" },
                new JsonObject { ["role"] = "user", ["content"] = question },
            ];
            var reply = ParseReply(await ChatModelClient.CompleteAsync(endpoint.Url, endpoint.Model, messages, options.Value.Timeout, cancellationToken));
            candidate = persona is null
                ? new JsonObject { ["question"] = question, ["answer"] = reply["answer"]?.DeepClone() }
                : new JsonObject { ["persona"] = persona, ["question"] = question, ["answer"] = reply["answer"]?.DeepClone() };
        }

        var (canonical, error) = AnnotationShapes.Validate(task.Config.Kind, candidate.ToJsonString(), task.Config.Labels);
        return canonical ?? throw new ModelCallException("MODEL_REPLY_INVALID", $"The model's reply does not fit the item kind: {error!.MessageEn}");
    }

    private static JsonObject ParseReply(string content)
    {
        var text = content.Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            // Models often wrap JSON in a Markdown code fence; take what is inside it.
            var firstLine = text.IndexOf('\n');
            var lastFence = text.LastIndexOf("```", StringComparison.Ordinal);
            text = firstLine > 0 && lastFence > firstLine ? text[(firstLine + 1)..lastFence] : text;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new ModelCallException("MODEL_REPLY_INVALID", "The model's reply is not a JSON object.");
        }
        catch (JsonException)
        {
            throw new ModelCallException("MODEL_REPLY_INVALID", "The model's reply is not JSON.");
        }
    }

    private static string? FirstText(JsonObject source, string[] fields) =>
        fields.Select(f => source[f]).OfType<JsonValue>()
            .Where(v => v.GetValueKind() == JsonValueKind.String)
            .Select(v => v.GetValue<string>())
            .FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));

    private async Task<string> ReadImageDataUrlAsync(JsonObject source, CancellationToken cancellationToken)
    {
        var key = source["key"]?.GetValue<string>() ?? throw new ModelCallException("SOURCE_HAS_NO_IMAGE", "The source record names no image object.");
        var mediaType = source["mediaType"]?.GetValue<string>() ?? "application/octet-stream";
        await using var stream = await storage.OpenReadAsync(storageOptions.Value.PlatformBucket, key, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > options.Value.MaxImageBytes)
        {
            throw new ModelCallException("IMAGE_TOO_LARGE", $"The image is {buffer.Length} bytes; at most {options.Value.MaxImageBytes} bytes are sent to the model.");
        }

        return $"data:{mediaType};base64,{Convert.ToBase64String(buffer.ToArray())}";
    }
}
