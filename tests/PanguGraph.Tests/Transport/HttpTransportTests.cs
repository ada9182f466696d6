using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Transport;

public sealed class DefaultTransportHost : IAsyncLifetime
{
    public TransportTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TransportTestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class HttpTransportTests(DefaultTransportHost fixture) : IClassFixture<DefaultTransportHost>
{
    private const string GraphQLResponseJson = "application/graphql-response+json";

    private readonly HttpClient _client = fixture.Host.CreateClient();

    [Fact]
    public async Task post_query_returns_data()
    {
        var response = await PostAsync(new { query = "query Greeting($t: String) { hello echo(text: $t) }", variables = new { t = "hi" } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(GraphQLResponseJson);
        var body = await ReadJsonAsync(response);
        body.GetProperty("data").GetProperty("hello").GetString().ShouldBe("world");
        body.GetProperty("data").GetProperty("echo").GetString().ShouldBe("hi");
        body.TryGetProperty("errors", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task get_query_returns_data()
    {
        var response = await _client.GetAsync("/graphql?query=" + Uri.EscapeDataString("query($t: String) { echo(text: $t) }")
            + "&variables=" + Uri.EscapeDataString("{\"t\":\"via get\"}"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await ReadJsonAsync(response);
        body.GetProperty("data").GetProperty("echo").GetString().ShouldBe("via get");
    }

    [Fact]
    public async Task post_mutation_runs()
    {
        var response = await PostAsync(new { query = "mutation { increment(by: 2) }" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await ReadJsonAsync(response);
        body.GetProperty("data").GetProperty("increment").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task get_mutation_is_405_with_allow_post()
    {
        var response = await _client.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { increment }"));

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(["POST"]);
        var body = await ReadJsonAsync(response);
        ErrorCode(body).ShouldBe("METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task malformed_json_is_400()
    {
        var response = await SendRawAsync("{\"query\": ", "application/json");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await ReadJsonAsync(response);
        ErrorCode(body).ShouldBe("BAD_REQUEST");
        ErrorMessage(body).ShouldContain("not valid JSON");
    }

    [Fact]
    public async Task missing_query_is_400()
    {
        var response = await PostAsync(new { operationName = "x" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ErrorMessage(await ReadJsonAsync(response)).ShouldContain("'query'");
    }

    [Fact]
    public async Task variables_of_wrong_type_is_400()
    {
        var response = await PostAsync(new { query = "{ hello }", variables = "nope" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ErrorMessage(await ReadJsonAsync(response)).ShouldContain("'variables'");
    }

    [Fact]
    public async Task unsupported_content_type_is_415()
    {
        var response = await SendRawAsync("query=%7Bhello%7D", "application/x-www-form-urlencoded");

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        ErrorCode(await ReadJsonAsync(response)).ShouldBe("UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task oversize_body_is_413()
    {
        var padding = new string(' ', 300 * 1024);
        var response = await SendRawAsync("{\"query\": \"{ hello }\"" + padding + "}", "application/json");

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        ErrorMessage(await ReadJsonAsync(response)).ShouldContain("262144 bytes");
    }

    [Fact]
    public async Task parse_error_is_400_for_graphql_response_json()
    {
        var response = await PostAsync(new { query = "{ hello" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await ReadJsonAsync(response);
        body.TryGetProperty("data", out _).ShouldBeFalse();
        body.GetProperty("errors").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task validation_error_is_200_for_legacy_json()
    {
        var response = await PostAsync(new { query = "{ noSuchField }" }, accept: "application/json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await ReadJsonAsync(response)).GetProperty("errors").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task depth_over_limit_is_rejected()
    {
        var tooDeep = "{ " + string.Concat(Enumerable.Repeat("nested { child { ", 1)) + string.Concat(Enumerable.Repeat("child { ", 16))
            + "value" + new string('}', 18) + " }";
        var withinLimit = "{ nested { child { child { value } } } }";

        var rejected = await PostAsync(new { query = tooDeep });
        var accepted = await PostAsync(new { query = withinLimit });

        rejected.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ErrorMessage(await ReadJsonAsync(rejected)).ShouldContain("depth", Case.Insensitive);
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task unknown_key_is_401_unauthenticated()
    {
        var response = await PostAsync(new { query = "{ hello }" }, apiKey: "wrong-key");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ErrorCode(await ReadJsonAsync(response)).ShouldBe("UNAUTHENTICATED");
    }

    [Fact]
    public async Task unknown_key_legacy_json_is_200()
    {
        var response = await PostAsync(new { query = "{ hello }" }, apiKey: "wrong-key", accept: "application/json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        ErrorCode(await ReadJsonAsync(response)).ShouldBe("UNAUTHENTICATED");
    }

    [Fact]
    public async Task valid_key_reaches_resolver_as_caller()
    {
        var bearer = await PostAsync(new { query = "{ callerId }" }, apiKey: FixedKeyAuthenticator.ValidKey);
        var header = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent(new { query = "{ callerId }" }),
        };
        header.Headers.Add("X-Api-Key", FixedKeyAuthenticator.ValidKey);
        var viaApiKeyHeader = await _client.SendAsync(header);
        var anonymous = await PostAsync(new { query = "{ callerId }" });

        (await ReadJsonAsync(bearer)).GetProperty("data").GetProperty("callerId").GetString().ShouldBe(FixedKeyAuthenticator.UserId);
        (await ReadJsonAsync(viaApiKeyHeader)).GetProperty("data").GetProperty("callerId").GetString().ShouldBe(FixedKeyAuthenticator.UserId);
        (await ReadJsonAsync(anonymous)).GetProperty("data").GetProperty("callerId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh", "zh-CN")]
    [InlineData("zh-Hans-CN;q=0.9, en;q=0.5", "zh-CN")]
    [InlineData("en-US", "en")]
    [InlineData("fr-FR, de;q=0.8", "en")]
    [InlineData("fr-FR, zh-TW;q=0.4", "zh-CN")]
    public async Task accept_language_sets_culture(string acceptLanguage, string expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent(new { query = "{ uiCulture contextCulture }" }) };
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);

        var body = await ReadJsonAsync(await _client.SendAsync(request));

        body.GetProperty("data").GetProperty("uiCulture").GetString().ShouldBe(expected);
        body.GetProperty("data").GetProperty("contextCulture").GetString().ShouldBe(expected);
    }

    [Fact]
    public async Task unhandled_exception_is_hidden_and_logged()
    {
        var response = await PostAsync(new { query = "query Exploding { hello boom }" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain("secret database detail");
        text.ShouldNotContain("InvalidOperation", Case.Insensitive);
        text.ShouldNotContain(" at ");
        var body = JsonDocument.Parse(text).RootElement;
        body.GetProperty("data").GetProperty("hello").GetString().ShouldBe("world");
        ErrorCode(body).ShouldBe("INTERNAL_SERVER_ERROR");
        fixture.Host.Logs.Entries.ShouldContain(entry =>
            entry.Message.Contains("Exploding") && entry.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task subscription_over_http_is_rejected()
    {
        var response = await PostAsync(new { query = "subscription { ticks }" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ErrorMessage(await ReadJsonAsync(response)).ShouldContain("WebSocket");
    }

    [Theory]
    [InlineData("*/*", "application/json")]
    [InlineData("application/*", "application/json")]
    [InlineData("application/json, application/graphql-response+json", "application/graphql-response+json")]
    [InlineData("application/json, application/graphql-response+json;q=0.5", "application/json")]
    public async Task accept_header_selects_media_type(string accept, string expected)
    {
        var response = await PostAsync(new { query = "{ hello }" }, accept: accept);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(expected);
    }

    [Fact]
    public async Task unacceptable_accept_is_406()
    {
        var response = await PostAsync(new { query = "{ hello }" }, accept: "text/plain");

        response.StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task browser_get_without_graphiql_folder_is_404()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

        var response = await _client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("GraphiQL");
    }

    [Fact]
    public async Task error_message_is_chinese_for_zh()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept-Language", "zh-CN");

        var response = await _client.SendAsync(request);

        ErrorMessage(await ReadJsonAsync(response)).ShouldStartWith("请求不是有效的 JSON");
    }

    private Task<HttpResponseMessage> PostAsync(object body, string? apiKey = null, string accept = GraphQLResponseJson)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent(body) };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return _client.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendRawAsync(string body, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("Accept", GraphQLResponseJson);
        return _client.SendAsync(request);
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static string? ErrorCode(JsonElement body) =>
        body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();

    private static string ErrorMessage(JsonElement body) =>
        body.GetProperty("errors")[0].GetProperty("message").GetString() ?? "";
}

public sealed class RestrictedHttpTransportTests
{
    [Fact]
    public async Task introspection_off_rejects_schema_queries()
    {
        await using var host = await TransportTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["GraphQL:EnableIntrospection"] = "false",
        });
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("Accept", "application/graphql-response+json");

        var schemaQuery = await client.PostAsync("/graphql", Json("{ __schema { queryType { name } } }"));
        var typeQuery = await client.PostAsync("/graphql", Json("{ __type(name: \"Query\") { name } }"));
        var typename = await client.PostAsync("/graphql", Json("{ __typename hello }"));

        schemaQuery.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        CodeOf(await schemaQuery.Content.ReadAsStringAsync()).ShouldBe("INTROSPECTION_DISABLED");
        CodeOf(await typeQuery.Content.ReadAsStringAsync()).ShouldBe("INTROSPECTION_DISABLED");
        typename.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task introspection_on_by_default()
    {
        await using var host = await TransportTestHost.StartAsync();

        var response = await host.CreateClient().PostAsync("/graphql", Json("{ __schema { queryType { name } } }"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"Query\"");
    }

    [Fact]
    public async Task configured_size_limit_applies()
    {
        await using var host = await TransportTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["GraphQL:MaxRequestBytes"] = "64",
        });

        var response = await host.CreateClient().PostAsync("/graphql", Json("{ hello echo(text: \"" + new string('x', 80) + "\") }"));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task browser_get_serves_graphiql_page()
    {
        var webRoot = Directory.CreateTempSubdirectory("pangu-graphiql-");
        Directory.CreateDirectory(Path.Combine(webRoot.FullName, "graphiql"));
        await File.WriteAllTextAsync(Path.Combine(webRoot.FullName, "graphiql", "index.html"), "<html>graphiql test page</html>");
        await File.WriteAllTextAsync(Path.Combine(webRoot.FullName, "graphiql", "app.js"), "console.log('graphiql');");
        try
        {
            await using var host = await TransportTestHost.StartAsync(webRoot: webRoot.FullName);
            var client = host.CreateClient();
            var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
            request.Headers.TryAddWithoutValidation("Accept", "text/html");

            var page = await client.SendAsync(request);
            var asset = await client.GetAsync("/graphiql/app.js");

            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await page.Content.ReadAsStringAsync()).ShouldContain("graphiql test page");
            asset.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            webRoot.Delete(recursive: true);
        }
    }

    private static StringContent Json(string query) =>
        new(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json");

    private static string? CodeOf(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();
}
