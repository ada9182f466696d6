using System.Globalization;

namespace PanguGraph.Domain.Common;

/// <summary>
/// A rejection of a command: a stable English code for programs, a message in English and in
/// Simplified Chinese for people, and the path of the input field at fault when there is one.
/// </summary>
public sealed record DomainError(string Code, string MessageEn, string MessageZh, IReadOnlyList<string>? Field = null)
{
    public string MessageFor(CultureInfo culture) =>
        culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? MessageZh : MessageEn;

    public DomainError AtField(params string[] field) => this with { Field = field };
}

/// <summary>
/// Thrown where a rejection must cross a boundary that only carries exceptions (a Wolverine
/// handler invoked for a response, a resolver), and turned back into a payload error there.
/// </summary>
public sealed class DomainRejectedException(DomainError error) : Exception(error.MessageEn)
{
    public DomainError Error { get; } = error;
}
