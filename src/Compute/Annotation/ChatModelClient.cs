using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PanguGraph.Compute.Annotation;

/// <summary>
/// A model call that did not produce a usable reply: a timeout, an HTTP error or a reply that is
/// not an OpenAI-style chat completion.
/// </summary>
public sealed class ModelCallException(string code, string reason) : Exception(reason)
{
    public string Code { get; } = code;
}

/// <summary>
/// Minimal client of an OpenAI-compatible chat completions endpoint: posts the messages and
/// returns the first choice's message content.
/// </summary>
public static class ChatModelClient
{
    // One shared client: the per-call timeout comes from the caller's cancellation token.
    private static readonly HttpClient Http = new() { Timeout = System.Threading.Timeout.InfiniteTimeSpan };

    public static async Task<string> CompleteAsync(string url, string model, JsonArray messages, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var body = new JsonObject { ["model"] = model, ["messages"] = messages, ["temperature"] = 0 };
        HttpResponseMessage response;
        try
        {
            response = await Http.PostAsJsonAsync(url, body, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelCallException("MODEL_TIMEOUT", $"The model endpoint did not respond within {timeout.TotalSeconds:0.#} seconds. Check that it is running, or raise Annotation:PreAnnotation:Timeout.");
        }
        catch (HttpRequestException exception)
        {
            throw new ModelCallException("MODEL_UNREACHABLE", $"The model endpoint could not be reached: {exception.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ModelCallException("MODEL_HTTP_ERROR", $"The model endpoint returned HTTP {(int)response.StatusCode}. Check its URL and model name.");
            }

            string text;
            try
            {
                text = await response.Content.ReadAsStringAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ModelCallException("MODEL_TIMEOUT", $"The model endpoint did not finish its response within {timeout.TotalSeconds:0.#} seconds. Check that it is running, or raise Annotation:PreAnnotation:Timeout.");
            }

            try
            {
                var content = JsonNode.Parse(text)?["choices"]?[0]?["message"]?["content"];
                if (content is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    return value.GetValue<string>();
                }
            }
            catch (JsonException)
            {
                // Reported below as a reply in the wrong format.
            }

            throw new ModelCallException("MODEL_REPLY_INVALID", "The model endpoint's reply is not a chat completion with a text message.");
        }
    }
}
