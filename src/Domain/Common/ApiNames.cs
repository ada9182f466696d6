using System.Text;

namespace PanguGraph.Domain.Common;

/// <summary>
/// Spells enum values the way the GraphQL API shows them (MEDIA_FILES, not MediaFiles), for messages.
/// </summary>
public static class ApiNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Constant(value.ToString());

    /// <summary>
    /// Spells a boxed enum like <see cref="Of{TEnum}"/>; any other value as its string.
    /// </summary>
    public static string Of(object value) => value is Enum ? Constant(value.ToString()!) : value.ToString() ?? "";

    private static string Constant(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }
}
