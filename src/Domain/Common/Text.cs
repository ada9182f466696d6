namespace PanguGraph.Domain.Common;

/// <summary>
/// Validation of free-text inputs shared by every capability.
/// </summary>
public static class Text
{
    public static DomainError? RequireName(string? value, string field, int maxLength = 64)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Errors.Required(field);
        }

        if (value.Trim().Length > maxLength)
        {
            return Errors.TooLong(field, maxLength);
        }

        return null;
    }

    public static DomainError? LimitLength(string? value, string field, int maxLength) =>
        value is not null && value.Length > maxLength ? Errors.TooLong(field, maxLength) : null;
}
