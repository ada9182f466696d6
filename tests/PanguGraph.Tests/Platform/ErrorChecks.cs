using System.Text.Json;
using Shouldly;

namespace PanguGraph.Tests.Platform;

/// <summary>
/// Assertions shared by the bad-input tests: typed payload errors, execution errors with an
/// extensions code, and the language of their messages.
/// </summary>
public static class ErrorChecks
{
    public const string Chinese = "zh-CN";

    /// <summary>
    /// Asserts that a mutation payload carries exactly one error with the code (and field path,
    /// when given), that its object field is null, and returns the error.
    /// </summary>
    public static JsonElement ShouldRejectWith(this GraphQLResponse response, string mutation, string objectField, string code, params string[]? field)
    {
        response.Errors.ShouldBeEmpty(response.Raw);
        var payload = response.Data(mutation);
        payload.GetProperty(objectField).ValueKind.ShouldBe(JsonValueKind.Null, response.Raw);
        var errors = payload.GetProperty("errors");
        errors.GetArrayLength().ShouldBe(1, response.Raw);
        var error = errors[0];
        error.GetProperty("code").GetString().ShouldBe(code, response.Raw);
        if (field is { Length: > 0 })
        {
            error.GetProperty("field").EnumerateArray().Select(f => f.GetString()).ShouldBe(field, response.Raw);
        }

        return error;
    }

    /// <summary>
    /// Asserts that a mutation payload has no errors and returns the payload.
    /// </summary>
    public static JsonElement ShouldAccept(this GraphQLResponse response, string mutation)
    {
        response.Errors.ShouldBeEmpty(response.Raw);
        var payload = response.Data(mutation);
        payload.GetProperty("errors").GetArrayLength().ShouldBe(0, response.Raw);
        return payload;
    }

    /// <summary>
    /// Asserts that the request failed with one GraphQL error whose extensions.code is the code,
    /// and returns its message.
    /// </summary>
    public static string ShouldFailWith(this GraphQLResponse response, string code)
    {
        response.Errors.Count.ShouldBe(1, response.Raw);
        response.FirstErrorCode.ShouldBe(code, response.Raw);
        return response.Errors[0].GetProperty("message").GetString()!;
    }

    public static string MessageOf(this JsonElement error) => error.GetProperty("message").GetString()!;

    public static void ShouldBeEnglish(this string message)
    {
        message.ShouldNotBeNullOrWhiteSpace();
        message.Count(IsCjk).ShouldBe(0, $"expected an English message: {message}");
    }

    public static void ShouldBeChinese(this string message) =>
        message.Count(IsCjk).ShouldBeGreaterThanOrEqualTo(4, $"expected a Chinese message: {message}");

    private static bool IsCjk(char c) => c is >= '\u4e00' and <= '\u9fff';
}
