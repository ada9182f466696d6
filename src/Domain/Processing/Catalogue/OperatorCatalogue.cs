using PanguGraph.Domain.Datasets;

namespace PanguGraph.Domain.Processing.Catalogue;

/// <summary>The fixed set of processing operators the platform offers, looked up by id or modality.</summary>
public static class OperatorCatalogue
{
    private static readonly IReadOnlyList<OperatorDefinition> Operators =
        [.. TextMapperDefinitions.All, .. TextFilterDefinitions.All, .. TextDeduplicatorAndTaggerDefinitions.All, .. ImageOperatorDefinitions.All];

    private static readonly IReadOnlyDictionary<string, OperatorDefinition> ById =
        Operators.ToDictionary(definition => definition.Id, StringComparer.Ordinal);

    public static IReadOnlyList<OperatorDefinition> All => Operators;

    public static OperatorDefinition? Find(string id) => ById.GetValueOrDefault(id);

    public static IReadOnlyList<OperatorDefinition> ForModality(Modality modality) =>
        Operators.Where(definition => definition.Modalities.Contains(modality)).ToList();

    /// <inheritdoc cref="ParameterValidation.ValidateParameters"/>
    public static ParameterValidationResult ValidateParameters(
        string operatorId,
        IReadOnlyDictionary<string, System.Text.Json.JsonElement?> values) =>
        ParameterValidation.ValidateParameters(operatorId, values);
}
