using System.Text.Json;
using GraphQLParser;
using GraphQLParser.AST;
using PanguGraph.GraphQL.Schema;
using PanguGraph.Tests.Platform;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Processing;

[Collection(PlatformCollection.Name)]
public sealed class InlineParameterTests(PlatformHost platform)
{
    private static GraphQLValue ArgumentOf(string query)
    {
        var document = Parser.Parse(query);
        var operation = (GraphQLOperationDefinition)document.Definitions[0];
        var field = (GraphQLField)operation.SelectionSet.Selections[0];
        return field.Arguments![0].Value;
    }

    [Fact]
    public void json_literal_keeps_every_kind()
    {
        var literal = ArgumentOf("""{ f(a: { list: [1, -2.5e3, "x\"y", true, false, null], nested: { empty: {}, none: [] }, big: 12345678901234567890 }) }""");

        var element = new JsonGraphType().ParseLiteral(literal).ShouldBeOfType<JsonElement>();

        var list = element.GetProperty("list");
        list.GetArrayLength().ShouldBe(6);
        list[0].GetInt32().ShouldBe(1);
        list[1].GetDouble().ShouldBe(-2500);
        list[2].GetString().ShouldBe("x\"y");
        list[3].ValueKind.ShouldBe(JsonValueKind.True);
        list[4].ValueKind.ShouldBe(JsonValueKind.False);
        list[5].ValueKind.ShouldBe(JsonValueKind.Null);
        element.GetProperty("nested").GetProperty("empty").ValueKind.ShouldBe(JsonValueKind.Object);
        element.GetProperty("nested").GetProperty("none").GetArrayLength().ShouldBe(0);
        element.GetProperty("big").GetRawText().ShouldBe("12345678901234567890");
    }

    [Fact]
    public void json_literal_scalars_and_null()
    {
        var scalar = new JsonGraphType();

        scalar.ParseLiteral(ArgumentOf("{ f(a: null) }")).ShouldBeNull();
        scalar.ParseLiteral(ArgumentOf("{ f(a: \"text\") }")).ShouldBeOfType<JsonElement>().GetString().ShouldBe("text");
        scalar.ParseLiteral(ArgumentOf("{ f(a: 0.125) }")).ShouldBeOfType<JsonElement>().GetDouble().ShouldBe(0.125);
        scalar.ParseLiteral(ArgumentOf("{ f(a: \"\"\"block\n  text\"\"\") }")).ShouldBeOfType<JsonElement>().GetString().ShouldBe("block\ntext");
    }

    [Fact]
    public void json_literal_rejects_names_and_repeats()
    {
        var scalar = new JsonGraphType();

        Should.Throw<FormatException>(() => scalar.ParseLiteral(ArgumentOf("{ f(a: { mode: strict }) }"))).Message.ShouldContain("\"strict\"");
        Should.Throw<FormatException>(() => scalar.ParseLiteral(ArgumentOf("{ f(a: { x: 1, x: 2 }) }"))).Message.ShouldContain("'x' twice");
    }

    [Fact]
    public async Task inline_parameters_reach_pipeline()
    {
        var space = await platform.CreateSpaceAsync();
        var created = (await platform.GraphQL(space.AdminKey, """
            mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { pipeline { id } errors { code } } }
            """, new { input = new { spaceId = space.Id, name = PlatformHost.Unique("inline"), modality = "TEXT" } })).Data("createPipeline");
        var pipelineId = created.GetProperty("pipeline").GetProperty("id").GetString()!;

        var added = (await platform.GraphQL(space.AdminKey, $$"""
            mutation {
              words: addPipelineStep(input: { pipelineId: "{{pipelineId}}", operatorId: "text.sensitive_word_mask",
                parameters: { words: ["secret", "机密"], maskCharacter: "#", ignoreCase: false } }) {
                pipeline { steps { operatorId parameters } } errors { code message }
              }
              language: addPipelineStep(input: { pipelineId: "{{pipelineId}}", operatorId: "text.language_filter",
                parameters: { languages: ["zh"], minScore: 0.75 } }) {
                pipeline { steps { operatorId parameters } } errors { code message }
              }
            }
            """)).Root.GetProperty("data");
        var outOfRange = (await platform.GraphQL(space.AdminKey, $$"""
            mutation {
              addPipelineStep(input: { pipelineId: "{{pipelineId}}", operatorId: "text.length_filter", parameters: { minLength: -5 } }) {
                errors { code field }
              }
            }
            """)).Data("addPipelineStep");

        added.GetProperty("words").GetProperty("errors").GetArrayLength().ShouldBe(0, added.ToString());
        added.GetProperty("language").GetProperty("errors").GetArrayLength().ShouldBe(0, added.ToString());
        var steps = added.GetProperty("language").GetProperty("pipeline").GetProperty("steps");
        steps.GetArrayLength().ShouldBe(2);
        var words = steps[0].GetProperty("parameters");
        words.GetProperty("words").EnumerateArray().Select(w => w.GetString()).ShouldBe(["secret", "机密"]);
        words.GetProperty("maskCharacter").GetString().ShouldBe("#");
        words.GetProperty("ignoreCase").ValueKind.ShouldBe(JsonValueKind.False);
        steps[1].GetProperty("parameters").GetProperty("minScore").GetDouble().ShouldBe(0.75);
        outOfRange.GetProperty("errors")[0].GetProperty("field").EnumerateArray().Select(f => f.GetString()).ShouldBe(["steps", "2", "parameters", "minLength"]);
    }

    [Fact]
    public async Task bare_name_literal_reports_quotes()
    {
        var space = await platform.CreateSpaceAsync();
        var response = await platform.GraphQL(space.AdminKey, $$"""
            mutation {
              addPipelineStep(input: { pipelineId: "{{Guid.NewGuid()}}", operatorId: "text.pii_mask", parameters: { maskStyle: asterisk } }) {
                errors { code }
              }
            }
            """);

        response.Errors.ShouldNotBeEmpty(response.Raw);
        response.Raw.ShouldContain("asterisk");
    }
}
