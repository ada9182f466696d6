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
/// Arbitrary JSON, serialised as-is: event payloads, record previews, operator parameters. As an
/// input it is accepted from variables and as an inline literal (object, list, string, number,
/// boolean or null), which is read as the JSON value that the literal spells.
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

    /// <summary>
    /// Converts an inline literal into a <see cref="JsonElement"/>, or returns null for the null literal.
    /// Enum values and variables nested inside the literal are rejected with a FormatException.
    /// </summary>
    public override object? ParseLiteral(GraphQLValue value)
    {
        if (value is GraphQLNullValue)
        {
            return null;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteLiteral(writer, value);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void WriteLiteral(Utf8JsonWriter writer, GraphQLValue value)
    {
        switch (value)
        {
            case GraphQLNullValue:
                writer.WriteNullValue();
                break;
            case GraphQLBooleanValue boolean:
                writer.WriteBooleanValue(boolean.BoolValue);
                break;
            case GraphQLStringValue text:
                writer.WriteStringValue(text.Value.Span);
                break;
            case GraphQLIntValue integer:
                // GraphQL integer and float syntax is a subset of JSON number syntax, so the digits are copied as written.
                writer.WriteRawValue(integer.Value.Span);
                break;
            case GraphQLFloatValue number:
                writer.WriteRawValue(number.Value.Span);
                break;
            case GraphQLListValue list:
                writer.WriteStartArray();
                foreach (var item in list.Values ?? [])
                {
                    WriteLiteral(writer, item);
                }

                writer.WriteEndArray();
                break;
            case GraphQLObjectValue obj:
                WriteObject(writer, obj);
                break;
            case GraphQLEnumValue name:
                throw new FormatException(
                    $"JSON literal contains the bare name '{name.Name.StringValue}'. Put text in double quotes, for example \"{name.Name.StringValue}\".");
            case GraphQLVariable variable:
                throw new FormatException(
                    $"JSON literal contains the variable ${variable.Name.StringValue}. Pass the whole JSON value as one variable, or write it inline without variables.");
            default:
                throw new FormatException($"A {value.Kind} cannot be part of a JSON literal.");
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, GraphQLObjectValue obj)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        writer.WriteStartObject();
        foreach (var field in obj.Fields ?? [])
        {
            var name = field.Name.StringValue;
            if (!names.Add(name))
            {
                throw new FormatException($"JSON literal sets the field '{name}' twice. Keep one value per field.");
            }

            writer.WritePropertyName(name);
            WriteLiteral(writer, field.Value);
        }

        writer.WriteEndObject();
    }
}
