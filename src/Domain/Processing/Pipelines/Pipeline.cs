using System.Text.Json;
using NodaTime;
using PanguGraph.Domain.Common;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing.Resources;
using PanguGraph.Domain.Spaces;

namespace PanguGraph.Domain.Processing.Pipelines;

/// <summary>
/// Write model of a processing pipeline: ordered operator steps with parameters and the resource
/// settings of the tasks it runs. Editing a pipeline needs the ManageDatasets permission of its space.
/// </summary>
public sealed record Pipeline(
    Guid Id,
    Guid SpaceId,
    string Name,
    string? Description,
    Modality Modality,
    IReadOnlyList<PipelineStep> Steps,
    PipelineResources Resources,
    bool IsDeleted)
{
    public const int MaxNameLength = 64;
    public const int MaxDescriptionLength = 1000;

    public static Pipeline? Evolve(Pipeline? state, object @event) => @event switch
    {
        PipelineCreated e => new Pipeline(e.PipelineId, e.SpaceId, e.Name, e.Description, e.Modality, [], e.Resources, false),
        PipelineRenamed e when state is not null => state with { Name = e.Name, Description = e.Description },
        PipelineStepAdded e when state is not null => state with { Steps = [.. state.Steps.Take(e.Position), e.Step, .. state.Steps.Skip(e.Position)] },
        PipelineStepUpdated e when state is not null => state with
        {
            Steps = state.Steps.Select(step => step.StepId == e.StepId ? step with { Parameters = e.Parameters } : step).ToList(),
        },
        PipelineStepRemoved e when state is not null => state with { Steps = state.Steps.Where(step => step.StepId != e.StepId).ToList() },
        PipelineStepsReordered e when state is not null => state with { Steps = e.StepIds.Select(id => state.Steps.Single(step => step.StepId == id)).ToList() },
        PipelineResourcesConfigured e when state is not null => state with { Resources = e.Resources },
        PipelineTemplateApplied e when state is not null => state with { Steps = e.Steps, Resources = e.Resources },
        PipelineDeleted when state is not null => state with { IsDeleted = true },
        _ => state,
    };

    public static Decision Open(CreatePipeline command, Space space, PipelineTemplate? template, Instant now)
    {
        var error = space.Authorize(command.Caller, Permission.ManageDatasets)
                    ?? Text.RequireName(command.Name, "name", MaxNameLength)
                    ?? Text.LimitLength(command.Description, "description", MaxDescriptionLength)
                    ?? PipelineRules.RequireOperators(command.Modality);
        if (error is not null)
        {
            return error;
        }

        var created = new PipelineCreated(command.PipelineId, command.SpaceId, command.Name.Trim(), command.Description, command.Modality, PipelineResources.Default, command.Caller.UserId, now);
        if (command.TemplateId is null)
        {
            return Decision.Accept(created);
        }

        var templateError = CheckTemplate(template, command.TemplateId.Value, command.SpaceId, command.Modality);
        if (templateError is not null)
        {
            return templateError;
        }

        return Decision.Accept(created, Applied(command.PipelineId, template!, command.Caller, now));
    }

    public Decision Rename(string name, string? description, Space space, Caller caller, Instant now)
    {
        var error = Guard(space, caller)
                    ?? Text.RequireName(name, "name", MaxNameLength)
                    ?? Text.LimitLength(description, "description", MaxDescriptionLength);
        return error ?? Decision.Accept(new PipelineRenamed(Id, name.Trim(), description, caller.UserId, now));
    }

    public Decision AddStep(Guid stepId, string operatorId, IReadOnlyDictionary<string, JsonElement> parameters, int? position, Space space, Caller caller, Instant now)
    {
        var at = position ?? Steps.Count;
        var error = Guard(space, caller)
                    ?? (Steps.Count >= PipelineRules.MaxSteps ? PipelineRules.TooManySteps() : null)
                    ?? CheckPosition(at, Steps.Count, "position")
                    ?? PipelineRules.ValidateStep(Modality, at, operatorId, parameters).FirstOrDefault();
        return error ?? Decision.Accept(new PipelineStepAdded(Id, at, new PipelineStep(stepId, operatorId, parameters), caller.UserId, now));
    }

    public Decision UpdateStep(Guid stepId, IReadOnlyDictionary<string, JsonElement> parameters, Space space, Caller caller, Instant now)
    {
        var index = IndexOf(stepId);
        var error = Guard(space, caller)
                    ?? (index < 0 ? StepNotFound(stepId) : null)
                    ?? PipelineRules.ValidateStep(Modality, index, Steps[index].OperatorId, parameters).FirstOrDefault();
        return error ?? Decision.Accept(new PipelineStepUpdated(Id, stepId, parameters, caller.UserId, now));
    }

    public Decision RemoveStep(Guid stepId, Space space, Caller caller, Instant now)
    {
        var error = Guard(space, caller) ?? (IndexOf(stepId) < 0 ? StepNotFound(stepId) : null);
        return error ?? Decision.Accept(new PipelineStepRemoved(Id, stepId, caller.UserId, now));
    }

    public Decision Reorder(IReadOnlyList<Guid> stepIds, Space space, Caller caller, Instant now)
    {
        var error = Guard(space, caller);
        if (error is not null)
        {
            return error;
        }

        var current = Steps.Select(step => step.StepId).ToHashSet();
        if (stepIds.Count != Steps.Count || stepIds.Distinct().Count() != stepIds.Count || !stepIds.All(current.Contains))
        {
            return new DomainError(
                "STEP_ORDER_INVALID",
                $"The new order must list each of the pipeline's {Steps.Count} step ids exactly once; {stepIds.Count} ids were given. Reload the pipeline and try again.",
                $"新顺序必须恰好列出流水线全部 {Steps.Count} 个步骤 ID 各一次，当前提供了 {stepIds.Count} 个。请刷新流水线后重试。",
                ["stepIds"]);
        }

        return stepIds.SequenceEqual(Steps.Select(step => step.StepId))
            ? Decision.Accept()
            : Decision.Accept(new PipelineStepsReordered(Id, stepIds, caller.UserId, now));
    }

    public Decision ConfigureResources(ResourceSettings settings, Space space, Caller caller, Instant now)
    {
        var error = Guard(space, caller) ?? PipelineRules.ValidateResources(settings).FirstOrDefault();
        return error ?? Decision.Accept(new PipelineResourcesConfigured(Id, PipelineResources.From(settings), caller.UserId, now));
    }

    /// <summary>Replaces the steps and resources with the template's; steps get new ids.</summary>
    public Decision ApplyTemplate(PipelineTemplate? template, Guid templateId, Space space, Caller caller, Instant now)
    {
        var error = Guard(space, caller) ?? CheckTemplate(template, templateId, SpaceId, Modality);
        return error ?? Decision.Accept(Applied(Id, template!, caller, now));
    }

    public Decision SaveAsTemplate(Guid templateId, string name, string? description, Space space, Caller caller, Instant now)
    {
        var error = Guard(space, caller)
                    ?? Text.RequireName(name, "name", MaxNameLength)
                    ?? Text.LimitLength(description, "description", MaxDescriptionLength)
                    ?? (Steps.Count == 0 ? PipelineRules.PipelineEmpty() : null);
        return error ?? Decision.Accept(new PipelineTemplateSaved(templateId, SpaceId, Id, name.Trim(), description, Modality, Steps, Resources, caller.UserId, now));
    }

    public Decision Delete(Space space, Caller caller, Instant now)
    {
        var error = Guard(space, caller);
        return error ?? Decision.Accept(new PipelineDeleted(Id, SpaceId, caller.UserId, now));
    }

    public DomainError? Guard(Space space, Caller caller)
    {
        if (space.Authorize(caller, Permission.ReadSpace) is not null)
        {
            return Errors.NotFound("pipeline", Id);
        }

        return space.Authorize(caller, Permission.ManageDatasets)
               ?? (IsDeleted ? Errors.Deleted("pipeline", Id) : null);
    }

    private int IndexOf(Guid stepId) => Steps.ToList().FindIndex(step => step.StepId == stepId);

    private static PipelineTemplateApplied Applied(Guid pipelineId, PipelineTemplate template, Caller caller, Instant now) =>
        new(pipelineId, template.Id, template.Steps.Select(step => step with { StepId = Guid.NewGuid() }).ToList(), template.Resources, caller.UserId, now);

    private static DomainError? CheckTemplate(PipelineTemplate? template, Guid templateId, Guid spaceId, Modality modality)
    {
        if (template is null || template.IsDeleted || template.SpaceId != spaceId)
        {
            return Errors.NotFound("pipeline template", templateId).AtField("templateId");
        }

        if (template.Modality != modality)
        {
            return new DomainError(
                "TEMPLATE_MODALITY_MISMATCH",
                $"Template '{template.Name}' is for {ApiNames.Of(template.Modality)} data, but the pipeline processes {ApiNames.Of(modality)} data. Pick a template for {ApiNames.Of(modality)}.",
                $"模板“{template.Name}”适用于 {ApiNames.Of(template.Modality)} 数据，而流水线处理的是 {ApiNames.Of(modality)} 数据。请选择适用于 {ApiNames.Of(modality)} 的模板。",
                ["templateId"]);
        }

        return null;
    }

    private static DomainError? CheckPosition(int position, int count, string field) =>
        position < 0 || position > count
            ? Errors.Invalid(field, $"use a position from 0 to {count}; {position} was given.", $"位置须在 0 到 {count} 之间，当前为 {position}。")
            : null;

    private static DomainError StepNotFound(Guid stepId) => Errors.NotFound("pipeline step", stepId).AtField("stepId");
}

/// <summary>Write model of a pipeline template: a frozen copy of a pipeline's steps and resources.</summary>
public sealed record PipelineTemplate(
    Guid Id,
    Guid SpaceId,
    string Name,
    Modality Modality,
    IReadOnlyList<PipelineStep> Steps,
    PipelineResources Resources,
    bool IsDeleted)
{
    public static PipelineTemplate? Evolve(PipelineTemplate? state, object @event) => @event switch
    {
        PipelineTemplateSaved e => new PipelineTemplate(e.TemplateId, e.SpaceId, e.Name, e.Modality, e.Steps, e.Resources, false),
        PipelineTemplateDeleted when state is not null => state with { IsDeleted = true },
        _ => state,
    };

    public Decision Delete(Space space, Caller caller, Instant now)
    {
        var error = space.Authorize(caller, Permission.ManageDatasets) ?? (IsDeleted ? Errors.Deleted("pipeline template", Id) : null);
        return error ?? Decision.Accept(new PipelineTemplateDeleted(Id, SpaceId, caller.UserId, now));
    }
}
