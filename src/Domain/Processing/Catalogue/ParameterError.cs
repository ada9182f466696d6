namespace PanguGraph.Domain.Processing.Catalogue;

public enum ParameterErrorCode
{
    UnknownOperator,
    UnknownParameter,
    ParameterTypeInvalid,
    ParameterOutOfRange,
    ParameterRequired,

    /// <summary>Two or more parameters are valid alone but not together (for example min above max).</summary>
    ParameterConflict,
}

/// <summary>
/// A rejected operator parameter. <see cref="Parameter"/> is the parameter name only: the caller
/// prefixes it with the step path. <see cref="AllowedRange"/> is the accepted range or choices
/// when the parameter has them.
/// </summary>
public sealed record ParameterError(
    ParameterErrorCode Code,
    string? Parameter,
    string? AllowedRange,
    LocalizedText Message)
{
    /// <summary>Stable code for API clients, such as <c>PARAMETER_OUT_OF_RANGE</c>.</summary>
    public string CodeName => Code switch
    {
        ParameterErrorCode.UnknownOperator => "UNKNOWN_OPERATOR",
        ParameterErrorCode.UnknownParameter => "UNKNOWN_PARAMETER",
        ParameterErrorCode.ParameterTypeInvalid => "PARAMETER_TYPE_INVALID",
        ParameterErrorCode.ParameterOutOfRange => "PARAMETER_OUT_OF_RANGE",
        ParameterErrorCode.ParameterRequired => "PARAMETER_REQUIRED",
        ParameterErrorCode.ParameterConflict => "PARAMETER_CONFLICT",
        _ => throw new ArgumentOutOfRangeException(nameof(Code), Code, "Unmapped parameter error code."),
    };
}
