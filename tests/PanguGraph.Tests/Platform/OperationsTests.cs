using System.Net;
using System.Text.Json;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed class OperationsTests(PlatformHost platform)
{
    [Fact]
    public async Task ready_checks_every_dependency()
    {
        using var client = platform.Host.Server.CreateClient();
        using var response = await client.GetAsync("/health/ready");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var checks = body.GetProperty("checks");
        foreach (var name in new[] { "postgres", "redis", "storage", "projections" })
        {
            checks.GetProperty(name).GetProperty("status").GetString().ShouldBe("Healthy", name);
        }
    }

    [Fact]
    public async Task live_answers_without_dependencies()
    {
        using var client = platform.Host.Server.CreateClient();
        using var response = await client.GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task browser_gets_local_graphiql()
    {
        using var client = platform.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("graphiql", Case.Insensitive);
        html.ShouldNotContain("cdn", Case.Insensitive);
        html.ShouldNotContain("unpkg", Case.Insensitive);
    }

    /// <summary>
    /// The schema query that GraphiQL sends on load (graphql-js getIntrospectionQuery, with type
    /// references nested seven levels) must pass the depth and complexity limits.
    /// </summary>
    [Fact]
    public async Task graphiql_schema_query_passes_limits()
    {
        const string typeRef = "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }";
        var query = $$"""
            query IntrospectionQuery {
              __schema {
                queryType { name } mutationType { name } subscriptionType { name }
                types { ...FullType }
                directives { name description locations args { ...InputValue } }
              }
            }
            fragment FullType on __Type {
              kind name description
              fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
              inputFields { ...InputValue }
              interfaces { ...TypeRef }
              enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
              possibleTypes { ...TypeRef }
            }
            fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
            fragment TypeRef on __Type { {{typeRef}} }
            """;

        var response = await platform.GraphQL(null, query);

        response.Errors.ShouldBeEmpty(response.Raw.Length > 500 ? response.Raw[..500] : response.Raw);
        response.Data("__schema").GetProperty("types").GetArrayLength().ShouldBeGreaterThan(50);
    }
}
