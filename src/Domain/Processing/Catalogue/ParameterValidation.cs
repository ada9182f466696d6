using System.Globalization;
using System.Text.Json;

namespace PanguGraph.Domain.Processing.Catalogue;

/// <summary>
/// Checks the parameters that a pipeline step gives an operator against the catalogue schema.
/// Values come as JSON (as a client sends them); a missing key or a JSON null means "use the
/// default". Every error is collected, not only the first, so a form can mark all fields at once.
/// </summary>
public static class ParameterValidation
{
    public static ParameterValidationResult ValidateParameters(
        string operatorId,
        IReadOnlyDictionary<string, JsonElement?> values)
    {
        var definition = OperatorCatalogue.Find(operatorId);
        if (definition is null)
        {
            var unknown = new ParameterError(
                ParameterErrorCode.UnknownOperator,
                null,
                null,
                new LocalizedText(
                    $"Operator '{operatorId}' does not exist. Pick an operator id from the catalogue.",
                    $"算子“{operatorId}”不存在，请从算子目录中选择算子标识。"));
            return new ParameterValidationResult(null, [unknown]);
        }

        var errors = new List<ParameterError>();
        foreach (var name in values.Keys.Where(name => definition.FindParameter(name) is null).Order(StringComparer.Ordinal))
        {
            errors.Add(new ParameterError(
                ParameterErrorCode.UnknownParameter,
                name,
                null,
                new LocalizedText(
                    $"Operator '{operatorId}' has no parameter '{name}'. Remove it or check its spelling.",
                    $"算子“{operatorId}”没有参数“{name}”，请删除该参数或检查拼写。")));
        }

        var resolved = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in definition.Parameters)
        {
            values.TryGetValue(parameter.Name, out var supplied);
            var (value, error) = Resolve(parameter, supplied);
            if (error is not null)
            {
                errors.Add(error);
            }
            else
            {
                resolved[parameter.Name] = value;
            }
        }

        if (errors.Count > 0)
        {
            return new ParameterValidationResult(null, errors);
        }

        var parameters = new ResolvedParameters(definition.Id, resolved);
        foreach (var rule in definition.CrossRules)
        {
            if (rule(parameters) is { } conflict)
            {
                errors.Add(conflict);
            }
        }

        return errors.Count > 0
            ? new ParameterValidationResult(null, errors)
            : new ParameterValidationResult(parameters, []);
    }

    private static (object? Value, ParameterError? Error) Resolve(ParameterDefinition parameter, JsonElement? supplied)
    {
        if (supplied is null || supplied.Value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            if (parameter.Required && parameter.Default is null)
            {
                return (null, Required(parameter));
            }

            return (parameter.Default, null);
        }

        var element = supplied.Value;
        return parameter.Type switch
        {
            ParameterType.Integer => ResolveInteger(parameter, element),
            ParameterType.Number => ResolveNumber(parameter, element),
            ParameterType.Boolean => element.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? (element.GetBoolean(), null)
                : (null, TypeInvalid(parameter, element)),
            ParameterType.String => ResolveString(parameter, element),
            ParameterType.Enum => ResolveEnum(parameter, element),
            ParameterType.StringList => ResolveStringList(parameter, element),
            _ => throw new ArgumentOutOfRangeException(nameof(parameter), parameter.Type, "Unhandled parameter type."),
        };
    }

    private static (object?, ParameterError?) ResolveInteger(ParameterDefinition parameter, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out var value))
        {
            return (null, TypeInvalid(parameter, element));
        }

        return IsWithin(parameter, value) ? (value, null) : (null, OutOfRange(parameter, element.GetRawText()));
    }

    private static (object?, ParameterError?) ResolveNumber(ParameterDefinition parameter, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            return (null, TypeInvalid(parameter, element));
        }

        return IsWithin(parameter, value) ? (value, null) : (null, OutOfRange(parameter, element.GetRawText()));
    }

    private static (object?, ParameterError?) ResolveString(ParameterDefinition parameter, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return (null, TypeInvalid(parameter, element));
        }

        var value = element.GetString()!;
        if (parameter.Required && string.IsNullOrWhiteSpace(value))
        {
            return (null, Required(parameter));
        }

        return (value, null);
    }

    private static (object?, ParameterError?) ResolveEnum(ParameterDefinition parameter, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return (null, TypeInvalid(parameter, element));
        }

        var value = element.GetString()!;
        return parameter.AllowedValues!.Contains(value, StringComparer.Ordinal)
            ? (value, null)
            : (null, OutOfRange(parameter, $"\"{value}\""));
    }

    private static (object?, ParameterError?) ResolveStringList(ParameterDefinition parameter, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array
            || element.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            return (null, TypeInvalid(parameter, element));
        }

        var items = element.EnumerateArray().Select(item => item.GetString()!).ToList();
        if (parameter.Required && items.Count == 0)
        {
            return (null, Required(parameter));
        }

        if (parameter.AllowedValues is { Count: > 0 } allowed
            && items.FirstOrDefault(item => !allowed.Contains(item, StringComparer.Ordinal)) is { } stranger)
        {
            return (null, OutOfRange(parameter, $"\"{stranger}\""));
        }

        if (!IsWithin(parameter, items.Count))
        {
            return (null, OutOfRange(parameter, $"{items.Count} items"));
        }

        return (items.AsReadOnly(), null);
    }

    private static bool IsWithin(ParameterDefinition parameter, double value) =>
        (parameter.Minimum is null || value >= parameter.Minimum.Value)
        && (parameter.Maximum is null || value <= parameter.Maximum.Value);

    private static ParameterError Required(ParameterDefinition parameter) =>
        new(ParameterErrorCode.ParameterRequired,
            parameter.Name,
            parameter.DescribeAllowedRange(),
            new LocalizedText(
                $"Parameter '{parameter.Name}' is required. Give it a non-empty value.",
                $"参数“{parameter.Name}”为必填项，请填写非空的值。"));

    private static ParameterError TypeInvalid(ParameterDefinition parameter, JsonElement element)
    {
        var expected = parameter.Type switch
        {
            ParameterType.Integer => ("a whole number", "整数"),
            ParameterType.Number => ("a number", "数字"),
            ParameterType.Boolean => ("true or false", "true 或 false"),
            ParameterType.String => ("a string", "字符串"),
            ParameterType.Enum => ("one of the listed strings", "列出的字符串之一"),
            ParameterType.StringList => ("a list of strings", "字符串列表"),
            _ => ("a valid value", "合法的值"),
        };
        var shown = Abbreviate(element.GetRawText());
        return new ParameterError(
            ParameterErrorCode.ParameterTypeInvalid,
            parameter.Name,
            parameter.DescribeAllowedRange(),
            new LocalizedText(
                $"Parameter '{parameter.Name}' must be {expected.Item1}, but got {shown}.",
                $"参数“{parameter.Name}”应为{expected.Item2}，实际为 {shown}。"));
    }

    private static ParameterError OutOfRange(ParameterDefinition parameter, string shownValue)
    {
        var range = parameter.DescribeAllowedRange() ?? string.Empty;
        var shown = Abbreviate(shownValue);
        return new ParameterError(
            ParameterErrorCode.ParameterOutOfRange,
            parameter.Name,
            range,
            new LocalizedText(
                $"Parameter '{parameter.Name}' has value {shown} outside the allowed range {range}.",
                $"参数“{parameter.Name}”的值 {shown} 超出允许范围 {range}。"));
    }

    private static string Abbreviate(string text) =>
        text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    /// <summary>Builds the error of a cross-parameter rule that names the parameter to change.</summary>
    public static ParameterError Conflict(string parameter, string? allowedRange, string english, string chinese) =>
        new(ParameterErrorCode.ParameterConflict, parameter, allowedRange, new LocalizedText(english, chinese));

    /// <summary>Rule: the value of <paramref name="low"/> must not exceed that of <paramref name="high"/>.</summary>
    public static Func<ResolvedParameters, ParameterError?> NotAbove(string low, string high) =>
        parameters =>
        {
            var lowValue = Convert.ToDouble(parameters.Values[low], CultureInfo.InvariantCulture);
            var highValue = Convert.ToDouble(parameters.Values[high], CultureInfo.InvariantCulture);
            return lowValue <= highValue
                ? null
                : Conflict(
                    low,
                    $"<= {high}",
                    $"Parameter '{low}' ({lowValue.ToString(CultureInfo.InvariantCulture)}) must not be greater than '{high}' ({highValue.ToString(CultureInfo.InvariantCulture)}).",
                    $"参数“{low}”（{lowValue.ToString(CultureInfo.InvariantCulture)}）不能大于“{high}”（{highValue.ToString(CultureInfo.InvariantCulture)}）。");
        };
}
