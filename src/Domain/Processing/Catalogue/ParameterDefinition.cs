namespace PanguGraph.Domain.Processing.Catalogue;

/// <summary>
/// One parameter of an operator, with what a form needs to render and check it.
/// <see cref="Minimum"/> and <see cref="Maximum"/> bound numbers; for a StringList they bound the
/// number of items. <see cref="AllowedValues"/> lists the choices of an Enum and, when set, the
/// values a StringList may contain.
/// </summary>
public sealed record ParameterDefinition(
    string Name,
    ParameterType Type,
    object? Default,
    LocalizedText Description,
    bool Required = false,
    double? Minimum = null,
    double? Maximum = null,
    IReadOnlyList<string>? AllowedValues = null)
{
    /// <summary>Range or choices as one line for error messages, or null when the value is free.</summary>
    public string? DescribeAllowedRange()
    {
        if (AllowedValues is { Count: > 0 })
        {
            return string.Join(", ", AllowedValues);
        }

        if (Minimum is null && Maximum is null)
        {
            return null;
        }

        var low = Minimum is null ? "-∞" : FormatBound(Minimum.Value);
        var high = Maximum is null ? "+∞" : FormatBound(Maximum.Value);
        return $"[{low}, {high}]";
    }

    private static string FormatBound(double bound) =>
        bound.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
