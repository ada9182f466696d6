using System.Text.Json;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Resources;

namespace PanguGraph.Domain.Processing.Pipelines;

/// <summary>Creates a pipeline; with <see cref="TemplateId"/> it starts with that template's steps and resources.</summary>
public sealed record CreatePipeline(Caller Caller, Guid PipelineId, Guid SpaceId, string Name, string? Description, Modality Modality, Guid? TemplateId);

public sealed record RenamePipeline(Caller Caller, Guid PipelineId, string Name, string? Description, long? ExpectedVersion);

/// <summary>Adds a step at <see cref="Position"/> (0-based), or at the end when it is null.</summary>
public sealed record AddPipelineStep(Caller Caller, Guid PipelineId, string OperatorId, IReadOnlyDictionary<string, JsonElement> Parameters, int? Position, long? ExpectedVersion);

public sealed record UpdatePipelineStep(Caller Caller, Guid PipelineId, Guid StepId, IReadOnlyDictionary<string, JsonElement> Parameters, long? ExpectedVersion);

public sealed record RemovePipelineStep(Caller Caller, Guid PipelineId, Guid StepId, long? ExpectedVersion);

public sealed record ReorderPipelineSteps(Caller Caller, Guid PipelineId, IReadOnlyList<Guid> StepIds, long? ExpectedVersion);

public sealed record ConfigurePipelineResources(Caller Caller, Guid PipelineId, ResourceSettings Resources, long? ExpectedVersion);

public sealed record ApplyPipelineTemplate(Caller Caller, Guid PipelineId, Guid TemplateId, long? ExpectedVersion);

public sealed record DeletePipeline(Caller Caller, Guid PipelineId, long? ExpectedVersion);

public sealed record SavePipelineAsTemplate(Caller Caller, Guid PipelineId, Guid TemplateId, string Name, string? Description);

public sealed record DeletePipelineTemplate(Caller Caller, Guid TemplateId);
