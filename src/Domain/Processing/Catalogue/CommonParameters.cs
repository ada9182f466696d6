using PanguGraph.Domain.Datasets;

namespace PanguGraph.Domain.Processing.Catalogue;

/// <summary>Shorthands that keep the catalogue definitions readable.</summary>
internal static class CommonParameters
{
    public static readonly IReadOnlyList<Modality> TextOnly = [Modality.Text];
    public static readonly IReadOnlyList<Modality> ImageOnly = [Modality.Image];

    public static ParameterDefinition TextField() =>
        new("textField", ParameterType.String, "text",
            new LocalizedText("Name of the record field that holds the text.", "记录中存放文本的字段名。"),
            Required: true);

    public static ParameterDefinition Integer(string name, long @default, long min, long max, string en, string zh) =>
        new(name, ParameterType.Integer, @default, new LocalizedText(en, zh), Minimum: min, Maximum: max);

    public static ParameterDefinition Number(string name, double @default, double min, double max, string en, string zh) =>
        new(name, ParameterType.Number, @default, new LocalizedText(en, zh), Minimum: min, Maximum: max);

    public static ParameterDefinition Boolean(string name, bool @default, string en, string zh) =>
        new(name, ParameterType.Boolean, @default, new LocalizedText(en, zh));

    public static ParameterDefinition Choice(string name, string @default, IReadOnlyList<string> allowed, string en, string zh) =>
        new(name, ParameterType.Enum, @default, new LocalizedText(en, zh), AllowedValues: allowed);

    public static OperatorDefinition Define(
        string id,
        OperatorKind kind,
        IReadOnlyList<Modality> modalities,
        (string En, string Zh) name,
        (string En, string Zh) description,
        IReadOnlyList<ParameterDefinition> parameters,
        params Func<ResolvedParameters, ParameterError?>[] crossRules) =>
        new(id, kind, modalities,
            new LocalizedText(name.En, name.Zh),
            new LocalizedText(description.En, description.Zh),
            parameters,
            crossRules);
}
