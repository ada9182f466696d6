namespace PanguGraph.Domain.Processing.Catalogue;

/// <summary>
/// Value type of an operator parameter. Resolved values use these CLR types: Integer is
/// <see cref="long"/>, Number is <see cref="double"/>, Boolean is <see cref="bool"/>, String and
/// Enum are <see cref="string"/>, StringList is <c>IReadOnlyList&lt;string&gt;</c>.
/// </summary>
public enum ParameterType
{
    Integer,
    Number,
    Boolean,
    String,
    Enum,
    StringList,
}
