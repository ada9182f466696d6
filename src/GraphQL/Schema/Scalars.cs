using System.Text.Json;
using GraphQL.Types;
using GraphQLParser.AST;
using NodaTime;
using NodaTime.Text;

namespace PanguGraph.GraphQL.Schema;

/// <summary>
/// A point in time as an ISO-8601 UTC string with up to nanosecond precision, for example
/// 2026-12-04T08:15:30.123Z.
/// </summary>
public sealed class InstantGraphType : ScalarGraphType
{
    public InstantGraphType()
    {
        Name = "Instant";
        Description = "A point in time in ISO-8601 UTC form, for example 2026-12-04T08:15:30.123Z.";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        Instant instant => InstantPattern.ExtendedIso.Format(instant),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        Instant instant => instant,
        string text => Parse(text),
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => Parse(new string(text.Value.Span)),
        _ => ThrowLiteralConversionError(value),
    };

    private static Instant Parse(string text)
    {
        var result = InstantPattern.ExtendedIso.Parse(text);
        if (result.Success)
        {
            return result.Value;
        }

        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (offset.Success)
        {
            return offset.Value.ToInstant();
        }

        throw new FormatException($"'{text}' is not an ISO-8601 instant such as 2026-12-04T08:15:30Z.");
    }
}

/// <summary>
/// Arbitrary JSON, serialised as-is: event payloads, record previews.
/// </summary>
public sealed class JsonGraphType : ScalarGraphType
{
    public JsonGraphType()
    {
        Name = "JSON";
        Description = "An arbitrary JSON value.";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        JsonElement element => element,
        string text => JsonDocument.Parse(text).RootElement.Clone(),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value;

    public override object? ParseLiteral(GraphQLValue value) => ThrowLiteralConversionError(value);
}
