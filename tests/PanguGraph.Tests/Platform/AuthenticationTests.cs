using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed class AuthenticationTests(PlatformHost platform)
{
    [Fact]
    public async Task syntax_error_is_reported()
    {
        var english = await platform.GraphQL(PlatformHost.AdminKey, "query { me { userId ");
        var chinese = await platform.GraphQL(PlatformHost.AdminKey, "query { me { userId ", language: ErrorChecks.Chinese);

        english.Root.TryGetProperty("data", out _).ShouldBeFalse(english.Raw);
        english.ShouldFailWith("SYNTAX_ERROR").ShouldBeEnglish();
        chinese.ShouldFailWith("SYNTAX_ERROR").ShouldBeChinese();
    }

    [Fact]
    public async Task unknown_field_is_reported()
    {
        var english = await platform.GraphQL(PlatformHost.AdminKey, "query { me { userId shoeSize } }");
        var chinese = await platform.GraphQL(PlatformHost.AdminKey, "query { me { userId shoeSize } }", language: ErrorChecks.Chinese);

        english.Root.TryGetProperty("data", out _).ShouldBeFalse(english.Raw);
        var message = english.ShouldFailWith("FIELDS_ON_CORRECT_TYPE");
        message.ShouldBeEnglish();
        message.ShouldContain("shoeSize");
        var messageZh = chinese.ShouldFailWith("FIELDS_ON_CORRECT_TYPE");
        messageZh.ShouldBeChinese();
        messageZh.ShouldContain("shoeSize");
    }

    [Fact]
    public async Task protected_operations_need_a_key()
    {
        var space = await platform.CreateSpaceAsync();

        var me = await platform.GraphQL(null, "query { me { userId } }");
        var datasets = await platform.GraphQL(null, "query($s: ID!) { datasets(spaceId: $s) { totalCount } }", new { s = space.Id });
        var created = await platform.GraphQL(null, """
            mutation($input: CreateSpaceInput!) { createSpace(input: $input) { space { id } errors { code } } }
            """, new { input = new { name = PlatformHost.Unique("anonymous") } }, ErrorChecks.Chinese);

        me.ShouldFailWith("UNAUTHENTICATED").ShouldBeEnglish();
        datasets.ShouldFailWith("UNAUTHENTICATED").ShouldBeEnglish();
        created.ShouldFailWith("UNAUTHENTICATED").ShouldBeChinese();
        var spaces = (await platform.GraphQL(PlatformHost.AdminKey, "query { spaces(first: 100) { totalCount } }")).Data("spaces");
        spaces.GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task unknown_key_gets_401()
    {
        var (status, body) = await SendAsync("pg_unknown0000000000000000000000000000000000", null);
        var (_, bodyZh) = await SendAsync("pg_unknown0000000000000000000000000000000000", ErrorChecks.Chinese);

        status.ShouldBe(401);
        Code(body).ShouldBe("UNAUTHENTICATED");
        Message(body).ShouldBeEnglish();
        Message(bodyZh).ShouldBeChinese();
    }

    [Fact]
    public async Task revoked_key_gets_401()
    {
        var space = await platform.CreateSpaceAsync();
        var userId = PlatformHost.Unique("revoked");
        await space.AddMemberAsync(userId, "DEVELOPER");
        var issued = (await platform.GraphQL(space.AdminKey, """
            mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { keyId apiKey errors { code } } }
            """, new { input = new { userId, label = "to revoke" } })).ShouldAccept("issueApiKey");
        var key = issued.GetProperty("apiKey").GetString()!;
        var keyId = issued.GetProperty("keyId").GetString()!;
        (await platform.GraphQL(key, "query { me { userId } }")).Data("me").GetProperty("userId").GetString().ShouldBe(userId);

        var revoked = await platform.GraphQL(space.AdminKey, """
            mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { user { apiKeys { keyId } } errors { code } } }
            """, new { input = new { userId, keyId } });
        var (status, body) = await SendAsync(key, null);
        var (statusZh, bodyZh) = await SendAsync(key, ErrorChecks.Chinese);

        revoked.ShouldAccept("revokeApiKey").GetProperty("user").GetProperty("apiKeys").EnumerateArray()
            .Select(k => k.GetProperty("keyId").GetString()).ShouldNotContain(keyId);
        status.ShouldBe(401);
        Code(body).ShouldBe("UNAUTHENTICATED");
        Message(body).ShouldBeEnglish();
        statusZh.ShouldBe(401);
        Message(bodyZh).ShouldBeChinese();

        var again = await platform.GraphQL(space.AdminKey, """
            mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { user { userId } errors { code } } }
            """, new { input = new { userId, keyId } });
        again.ShouldRejectWith("revokeApiKey", "user", "NOT_FOUND");
    }

    /// <summary>
    /// Posts a query asking for application/graphql-response+json, the media type under which a
    /// rejected key keeps its 401 status (application/json clients get 200 with the error).
    /// </summary>
    private async Task<(int Status, JsonElement Body)> SendAsync(string apiKey, string? language)
    {
        using var client = platform.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new { query = "query { me { userId } }" }),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        request.Headers.Authorization = new("Bearer", apiKey);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        using var response = await client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return ((int)response.StatusCode, body);
    }

    private static string? Code(JsonElement body) => body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();

    private static string Message(JsonElement body) => body.GetProperty("errors")[0].GetProperty("message").GetString()!;
}
