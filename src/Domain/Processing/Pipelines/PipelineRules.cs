using System.Text.Json;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Catalogue;
using PanguGraph.Domain.Processing.Resources;

namespace PanguGraph.Domain.Processing.Pipelines;

/// <summary>
/// Checks of pipeline steps and resources against the operator catalogue and the resource rules,
/// turned into bilingual errors whose field path points at the input, such as
/// ["steps", "2", "parameters", "minLength"]. Every error is returned, so a form can mark all fields.
/// </summary>
public static class PipelineRules
{
    public const int MaxSteps = 50;

    public static DomainError? RequireOperators(Modality modality)
    {
        if (OperatorCatalogue.ForModality(modality).Count > 0)
        {
            return null;
        }

        var supported = string.Join(", ", OperatorCatalogue.All.SelectMany(o => o.Modalities).Distinct().Order().Select(ApiNames.Of));
        return new DomainError(
            "MODALITY_HAS_NO_OPERATORS",
            $"No processing operators exist yet for {ApiNames.Of(modality)} data. Pipelines can be built for: {supported}.",
            $"{ApiNames.Of(modality)} 类数据暂无可用的加工算子。目前支持构建流水线的数据类型：{supported}。",
            ["modality"]);
    }

    /// <summary>Validates one step at <paramref name="position"/> for a pipeline of <paramref name="modality"/>.</summary>
    public static IReadOnlyList<DomainError> ValidateStep(Modality modality, int position, string operatorId, IReadOnlyDictionary<string, JsonElement> parameters)
    {
        var index = position.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var definition = OperatorCatalogue.Find(operatorId);
        if (definition is null)
        {
            return
            [
                new DomainError(
                    "UNKNOWN_OPERATOR",
                    $"Operator '{operatorId}' does not exist. Pick an operator id from the catalogue (query 'operators').",
                    $"算子“{operatorId}”不存在。请从算子目录（查询 operators）中选择算子标识。",
                    ["steps", index, "operatorId"]),
            ];
        }

        if (!definition.Modalities.Contains(modality))
        {
            return
            [
                new DomainError(
                    "OPERATOR_NOT_FOR_MODALITY",
                    $"Operator '{operatorId}' works on {string.Join(", ", definition.Modalities.Select(ApiNames.Of))} data, not on {modality}. Pick an operator for {modality}.",
                    $"算子“{operatorId}”适用于 {string.Join(", ", definition.Modalities.Select(ApiNames.Of))} 数据，不适用于 {modality}。请选择适用于 {modality} 的算子。",
                    ["steps", index, "operatorId"]),
            ];
        }

        var values = parameters.ToDictionary(pair => pair.Key, pair => (JsonElement?)pair.Value);
        var result = ParameterValidation.ValidateParameters(operatorId, values);
        return result.Errors.Select(error => ToDomainError(error, index)).ToList();
    }

    public static IReadOnlyList<DomainError> ValidateResources(ResourceSettings settings) =>
        ResourceSettingsValidation.Validate(settings)
            .Select(error => new DomainError(
                error.CodeName,
                error.Message.En,
                error.Message.ZhCn,
                ["resources", .. error.Field.Split('.', 2)]))
            .ToList();

    /// <summary>Validates a whole pipeline before it runs: not empty, every step still valid.</summary>
    public static IReadOnlyList<DomainError> ValidateForRun(Modality modality, IReadOnlyList<PipelineStep> steps, PipelineResources resources)
    {
        if (steps.Count == 0)
        {
            return [PipelineEmpty()];
        }

        var errors = new List<DomainError>();
        for (var i = 0; i < steps.Count; i++)
        {
            errors.AddRange(ValidateStep(modality, i, steps[i].OperatorId, steps[i].Parameters));
        }

        errors.AddRange(ValidateResources(resources.ToSettings()));
        return errors;
    }

    /// <summary>Resolves the parameters of steps that passed validation, defaults applied.</summary>
    public static ResolvedParameters Resolve(PipelineStep step)
    {
        var result = ParameterValidation.ValidateParameters(step.OperatorId, step.Parameters.ToDictionary(p => p.Key, p => (JsonElement?)p.Value));
        return result.Parameters ?? throw new InvalidOperationException(
            $"Step {step.StepId} ({step.OperatorId}) no longer passes validation: {string.Join("; ", result.Errors.Select(e => e.Message.En))}");
    }

    public static DomainError PipelineEmpty() => new(
        "PIPELINE_EMPTY",
        "The pipeline has no steps. Add at least one operator before you run it or save it as a template.",
        "流水线中没有任何步骤。请先添加至少一个算子，再运行或保存为模板。",
        ["steps"]);

    public static DomainError TooManySteps() => new(
        "TOO_MANY_STEPS",
        $"A pipeline has at most {MaxSteps} steps. Remove a step before adding another.",
        $"一条流水线最多包含 {MaxSteps} 个步骤。请先删除步骤再添加。",
        ["steps"]);

    private static DomainError ToDomainError(ParameterError error, string index)
    {
        var path = error.Parameter is null
            ? new[] { "steps", index, "operatorId" }
            : ["steps", index, "parameters", error.Parameter];
        var range = error.AllowedRange is { Length: > 0 } allowed && !error.Message.En.Contains(allowed, StringComparison.Ordinal)
            ? allowed
            : null;
        return new DomainError(
            error.CodeName,
            range is null ? error.Message.En : $"{error.Message.En} Allowed: {range}.",
            range is null ? error.Message.ZhCn : $"{error.Message.ZhCn}允许的取值：{range}。",
            path);
    }
}
