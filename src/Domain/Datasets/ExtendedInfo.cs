using PanguGraph.Domain.Common;

namespace PanguGraph.Domain.Datasets;

public sealed record CustomField(string Key, string Value);

public sealed record Copyright(string? Holder, string? License, string? Statement);

/// <summary>
/// Optional descriptive attributes of a dataset: industry, language, custom key/value pairs and
/// copyright, so that users can tell where data came from and under which terms it may be used.
/// </summary>
public sealed record ExtendedInfo(string? Industry, string? Language, IReadOnlyList<CustomField> CustomFields, Copyright? Copyright)
{
    public const int MaxCustomFields = 20;

    public static readonly ExtendedInfo Empty = new(null, null, [], null);

    public DomainError? Validate()
    {
        var error = Text.LimitLength(Industry, "industry", 64)
                    ?? Text.LimitLength(Language, "language", 32)
                    ?? Text.LimitLength(Copyright?.Holder, "copyright.holder", 128)
                    ?? Text.LimitLength(Copyright?.License, "copyright.license", 128)
                    ?? Text.LimitLength(Copyright?.Statement, "copyright.statement", 2000);
        if (error is not null)
        {
            return error.AtField(["extendedInfo", .. error.Field ?? []]);
        }

        if (CustomFields.Count > MaxCustomFields)
        {
            return new DomainError(
                "TOO_MANY_CUSTOM_FIELDS",
                $"At most {MaxCustomFields} custom fields are allowed; {CustomFields.Count} were given.",
                $"自定义信息最多 {MaxCustomFields} 项，当前为 {CustomFields.Count} 项。",
                ["extendedInfo", "customFields"]);
        }

        for (var i = 0; i < CustomFields.Count; i++)
        {
            var field = CustomFields[i];
            var fieldError = Text.RequireName(field.Key, "key", 32) ?? Text.LimitLength(field.Value, "value", 256);
            if (fieldError is not null)
            {
                return fieldError.AtField(["extendedInfo", "customFields", i.ToString(), .. fieldError.Field ?? []]);
            }
        }

        var duplicate = CustomFields.GroupBy(f => f.Key.Trim()).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return new DomainError(
                "DUPLICATE_CUSTOM_FIELD",
                $"The custom field '{duplicate.Key}' appears more than once. Give each key once.",
                $"自定义信息“{duplicate.Key}”重复出现。每个键只能填写一次。",
                ["extendedInfo", "customFields"]);
        }

        return null;
    }
}

/// <summary>
/// Who may see a dataset: every member of its space, or only its creator and the space admins.
/// </summary>
public enum Visibility
{
    Space,
    Private,
}
