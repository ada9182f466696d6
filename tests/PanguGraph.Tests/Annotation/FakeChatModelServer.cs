using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PanguGraph.Tests.Annotation;

/// <summary>
/// An OpenAI-compatible chat completions endpoint on 127.0.0.1 for pre-annotation tests. The reply
/// depends on the user message: "slow" waits past the client's timeout, "garbage" answers text that
/// is not JSON, "broken" answers a body that is not a chat completion; anything else gets
/// {"answer": "AI: <message>"} or, for images, a caption.
/// </summary>
public sealed class FakeChatModelServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public FakeChatModelServer()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/v1/chat/completions";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public int Requests;

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref Requests);
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var request = JsonNode.Parse(await reader.ReadToEndAsync())!;
        var user = request["messages"]!.AsArray().Last()!["content"]!;
        var text = user is JsonValue ? user.GetValue<string>() : "image";
        string body;
        if (text.Contains("slow"))
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            body = Completion("""{"answer":"too late"}""");
        }
        else if (text.Contains("garbage"))
        {
            body = Completion("I am not sure what you mean.");
        }
        else if (text.Contains("broken"))
        {
            body = "<html>gateway error</html>";
        }
        else if (user is JsonArray)
        {
            body = Completion("```json\n{\"caption\":\"a tiny picture\"}\n```");
        }
        else
        {
            body = Completion(JsonSerializer.Serialize(new { answer = $"AI: {text}" }));
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentType = "application/json";
        try
        {
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client gave up (timeout); nothing to answer.
        }
    }

    private static string Completion(string content) =>
        JsonSerializer.Serialize(new { id = "x", choices = new[] { new { index = 0, message = new { role = "assistant", content } } } });

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        stopping.Cancel();
        listener.Stop();
        listener.Close();
        await Task.WhenAny(loop, Task.Delay(1000));
    }
}
