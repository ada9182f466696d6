using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Transport;

public sealed class WebSocketTransportTests : IAsyncLifetime
{
    private TransportTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TransportTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["GraphQL:ConnectionInitTimeout"] = "00:00:00.500",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task init_is_acknowledged_and_ping_gets_pong()
    {
        using var socket = await ConnectAsync();

        await SendAsync(socket, new { type = "connection_init", payload = new { apiKey = FixedKeyAuthenticator.ValidKey } });
        var ack = await ReceiveAsync(socket);
        await SendAsync(socket, new { type = "ping" });
        var pong = await ReceiveAsync(socket);

        TypeOf(ack).ShouldBe("connection_ack");
        TypeOf(pong).ShouldBe("pong");
    }

    [Fact]
    public async Task subscription_streams_until_source_completes()
    {
        using var socket = await ConnectAndInitAsync();

        await SendAsync(socket, new { id = "s1", type = "subscribe", payload = new { query = "subscription { ticks }" } });
        await WaitUntilLiveAsync(socket);
        _host.Ticks.Emit(1);
        _host.Ticks.Emit(2);
        _host.Ticks.Emit(3);
        _host.Ticks.Complete();

        var values = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var next = await ReceiveAsync(socket);
            TypeOf(next).ShouldBe("next");
            next!.Value.GetProperty("id").GetString().ShouldBe("s1");
            values.Add(next.Value.GetProperty("payload").GetProperty("data").GetProperty("ticks").GetInt32());
        }

        var complete = await ReceiveAsync(socket);
        values.ShouldBe([1, 2, 3]);
        TypeOf(complete).ShouldBe("complete");
        complete!.Value.GetProperty("id").GetString().ShouldBe("s1");
    }

    [Fact]
    public async Task client_complete_stops_the_stream()
    {
        using var socket = await ConnectAndInitAsync();
        await SendAsync(socket, new { id = "s1", type = "subscribe", payload = new { query = "subscription { ticks }" } });
        await WaitUntilLiveAsync(socket);
        _host.Ticks.SubscriberCount.ShouldBe(1);

        await SendAsync(socket, new { id = "s1", type = "complete" });
        await WaitUntilLiveAsync(socket);
        _host.Ticks.Emit(42);
        await SendAsync(socket, new { type = "ping" });
        var afterEmit = await ReceiveAsync(socket);

        _host.Ticks.SubscriberCount.ShouldBe(0);
        TypeOf(afterEmit).ShouldBe("pong");
    }

    [Fact]
    public async Task query_over_socket_sends_next_then_complete()
    {
        using var socket = await ConnectAndInitAsync();

        await SendAsync(socket, new { id = "q1", type = "subscribe", payload = new { query = "{ callerId }" } });
        var next = await ReceiveAsync(socket);
        var complete = await ReceiveAsync(socket);

        TypeOf(next).ShouldBe("next");
        next!.Value.GetProperty("payload").GetProperty("data").GetProperty("callerId").GetString().ShouldBe(FixedKeyAuthenticator.UserId);
        TypeOf(complete).ShouldBe("complete");
    }

    [Fact]
    public async Task invalid_document_gets_error_message()
    {
        using var socket = await ConnectAndInitAsync();

        await SendAsync(socket, new { id = "bad", type = "subscribe", payload = new { query = "subscription { noSuchField }" } });
        var error = await ReceiveAsync(socket);

        TypeOf(error).ShouldBe("error");
        error!.Value.GetProperty("id").GetString().ShouldBe("bad");
        error.Value.GetProperty("payload").ValueKind.ShouldBe(JsonValueKind.Array);
        error.Value.GetProperty("payload")[0].GetProperty("message").GetString()!.ShouldContain("noSuchField");
    }

    [Fact]
    public async Task duplicate_id_closes_4409()
    {
        using var socket = await ConnectAndInitAsync();
        await SendAsync(socket, new { id = "same", type = "subscribe", payload = new { query = "subscription { ticks }" } });

        await SendAsync(socket, new { id = "same", type = "subscribe", payload = new { query = "subscription { ticks }" } });
        var closed = await ReceiveAsync(socket);

        closed.ShouldBeNull();
        ((int?)socket.CloseStatus).ShouldBe(4409);
        socket.CloseStatusDescription.ShouldBe("Subscriber for same already exists");
        await WaitForAsync(() => _host.Ticks.SubscriberCount == 0);
    }

    [Fact]
    public async Task subscribe_before_init_closes_4401()
    {
        using var socket = await ConnectAsync();

        await SendAsync(socket, new { id = "s1", type = "subscribe", payload = new { query = "subscription { ticks }" } });
        await ReceiveAsync(socket);

        ((int?)socket.CloseStatus).ShouldBe(4401);
    }

    [Fact]
    public async Task unknown_key_closes_4403()
    {
        using var socket = await ConnectAsync();

        await SendAsync(socket, new { type = "connection_init", payload = new { Authorization = "Bearer wrong-key" } });
        await ReceiveAsync(socket);

        ((int?)socket.CloseStatus).ShouldBe(4403);
    }

    [Fact]
    public async Task bad_json_closes_4400()
    {
        using var socket = await ConnectAsync();

        await socket.SendAsync(Encoding.UTF8.GetBytes("{not json"), WebSocketMessageType.Text, true, CancellationToken.None);
        await ReceiveAsync(socket);

        ((int?)socket.CloseStatus).ShouldBe(4400);
    }

    [Fact]
    public async Task second_init_closes_4429()
    {
        using var socket = await ConnectAndInitAsync();

        await SendAsync(socket, new { type = "connection_init" });
        await ReceiveAsync(socket);

        ((int?)socket.CloseStatus).ShouldBe(4429);
    }

    [Fact]
    public async Task missing_init_closes_4408()
    {
        using var socket = await ConnectAsync();

        var started = DateTime.UtcNow;
        await ReceiveAsync(socket);

        ((int?)socket.CloseStatus).ShouldBe(4408);
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task missing_subprotocol_closes_4406()
    {
        var client = _host.Server!.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-ws");
        using var socket = await client.ConnectAsync(new Uri(_host.Server!.BaseAddress, "graphql"), CancellationToken.None);

        await ReceiveAsync(socket);

        ((int?)socket.CloseStatus).ShouldBe(4406);
    }

    [Fact]
    public async Task chinese_culture_reaches_socket_resolver()
    {
        var client = _host.Server!.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        client.ConfigureRequest = request => request.Headers.AcceptLanguage = "zh-CN";
        using var socket = await client.ConnectAsync(new Uri(_host.Server!.BaseAddress, "graphql"), CancellationToken.None);
        await SendAsync(socket, new { type = "connection_init" });
        await ReceiveAsync(socket);

        await SendAsync(socket, new { id = "c", type = "subscribe", payload = new { query = "{ contextCulture callerId }" } });
        var next = await ReceiveAsync(socket);

        var data = next!.Value.GetProperty("payload").GetProperty("data");
        data.GetProperty("contextCulture").GetString().ShouldBe("zh-CN");
        data.GetProperty("callerId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private async Task<WebSocket> ConnectAsync()
    {
        var client = _host.Server!.CreateWebSocketClient();
        client.SubProtocols.Add("graphql-transport-ws");
        var socket = await client.ConnectAsync(new Uri(_host.Server!.BaseAddress, "graphql"), CancellationToken.None);
        socket.SubProtocol.ShouldBe("graphql-transport-ws");
        return socket;
    }

    private async Task<WebSocket> ConnectAndInitAsync()
    {
        var socket = await ConnectAsync();
        await SendAsync(socket, new { type = "connection_init", payload = new { apiKey = FixedKeyAuthenticator.ValidKey } });
        TypeOf(await ReceiveAsync(socket)).ShouldBe("connection_ack");
        return socket;
    }

    /// <summary>Messages are handled in order, so the pong proves that every earlier message was handled.</summary>
    private static async Task WaitUntilLiveAsync(WebSocket socket)
    {
        await SendAsync(socket, new { type = "ping" });
        TypeOf(await ReceiveAsync(socket)).ShouldBe("pong");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 50 && !condition(); attempt++)
        {
            await Task.Delay(20);
        }

        condition().ShouldBeTrue();
    }

    private static Task SendAsync(WebSocket socket, object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Returns the next message, or null after the server closed the socket (see CloseStatus).</summary>
    private static async Task<JsonElement?> ReceiveAsync(WebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
            }
        }
    }

    private static string? TypeOf(JsonElement? message) => message?.GetProperty("type").GetString();
}
