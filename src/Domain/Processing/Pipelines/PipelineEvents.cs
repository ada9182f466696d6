using System.Text.Json;
using NodaTime;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Resources;

namespace PanguGraph.Domain.Processing.Pipelines;

/// <summary>
/// One step of a pipeline: an operator and the parameters the user set, as JSON values. Defaults
/// are not stored, so a step keeps meaning "the default" when the catalogue's default changes.
/// </summary>
public sealed record PipelineStep(Guid StepId, string OperatorId, IReadOnlyDictionary<string, JsonElement> Parameters);

/// <summary>
/// Resource settings as stored in events. Custom settings are a list of pairs, because JSON
/// serialisers may rewrite the casing of dictionary keys.
/// </summary>
public sealed record PipelineResources(
    int NumExecutors,
    int ExecutorCores,
    int ExecutorMemory,
    int DriverCores,
    int DriverMemory,
    IReadOnlyList<CustomField> Custom)
{
    public static PipelineResources Default { get; } = From(ResourceSettings.Default);

    public static PipelineResources From(ResourceSettings settings) => new(
        settings.NumExecutors,
        settings.ExecutorCores,
        settings.ExecutorMemory,
        settings.DriverCores,
        settings.DriverMemory,
        (settings.Custom ?? new Dictionary<string, string>()).Select(pair => new CustomField(pair.Key, pair.Value)).ToList());

    public ResourceSettings ToSettings() => new(
        NumExecutors, ExecutorCores, ExecutorMemory, DriverCores, DriverMemory,
        Custom.GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.Last().Value));
}

public sealed record PipelineCreated(Guid PipelineId, Guid SpaceId, string Name, string? Description, Modality Modality, PipelineResources Resources, string By, Instant At);

public sealed record PipelineRenamed(Guid PipelineId, string Name, string? Description, string By, Instant At);

public sealed record PipelineStepAdded(Guid PipelineId, int Position, PipelineStep Step, string By, Instant At);

public sealed record PipelineStepUpdated(Guid PipelineId, Guid StepId, IReadOnlyDictionary<string, JsonElement> Parameters, string By, Instant At);

public sealed record PipelineStepRemoved(Guid PipelineId, Guid StepId, string By, Instant At);

/// <summary>The steps now run in the order of <see cref="StepIds"/>, which lists every step once.</summary>
public sealed record PipelineStepsReordered(Guid PipelineId, IReadOnlyList<Guid> StepIds, string By, Instant At);

public sealed record PipelineResourcesConfigured(Guid PipelineId, PipelineResources Resources, string By, Instant At);

/// <summary>The steps and resources were replaced by those of a template.</summary>
public sealed record PipelineTemplateApplied(Guid PipelineId, Guid TemplateId, IReadOnlyList<PipelineStep> Steps, PipelineResources Resources, string By, Instant At);

public sealed record PipelineDeleted(Guid PipelineId, Guid SpaceId, string By, Instant At);

/// <summary>A pipeline's steps and resources were saved as a reusable template (its own stream).</summary>
public sealed record PipelineTemplateSaved(
    Guid TemplateId,
    Guid SpaceId,
    Guid SourcePipelineId,
    string Name,
    string? Description,
    Modality Modality,
    IReadOnlyList<PipelineStep> Steps,
    PipelineResources Resources,
    string By,
    Instant At);

public sealed record PipelineTemplateDeleted(Guid TemplateId, Guid SpaceId, string By, Instant At);
