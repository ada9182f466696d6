using PanguGraph.Domain.Datasets;

namespace PanguGraph.Domain.Processing.Catalogue;

/// <summary>
/// Catalogue entry of one processing operator. <see cref="CrossRules"/> check combinations of
/// parameters after each one passed its own checks; each returns null when the values agree.
/// </summary>
public sealed record OperatorDefinition(
    string Id,
    OperatorKind Kind,
    IReadOnlyList<Modality> Modalities,
    LocalizedText DisplayName,
    LocalizedText Description,
    IReadOnlyList<ParameterDefinition> Parameters,
    IReadOnlyList<Func<ResolvedParameters, ParameterError?>> CrossRules)
{
    public ParameterDefinition? FindParameter(string name) =>
        Parameters.FirstOrDefault(parameter => parameter.Name == name);
}
