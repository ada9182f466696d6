using System.Text.Json;
using GraphQL.Types;
using PanguGraph.GraphQL.Schema;

namespace PanguGraph.GraphQL.Processing;

public sealed class CreatePipelineInput
{
    public Guid SpaceId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public Domain.Datasets.Modality Modality { get; set; }
    public Guid? TemplateId { get; set; }
}

public sealed class CreatePipelineInputType : InputObjectGraphType<CreatePipelineInput>
{
    public CreatePipelineInputType()
    {
        Name = "CreatePipelineInput";
        Field<NonNullGraphType<IdGraphType>>("spaceId");
        Field(x => x.Name).Description("1 to 64 characters.");
        Field(x => x.Description, nullable: true);
        Field<NonNullGraphType<ModalityEnum>>("modality").Description("Data type the pipeline processes; it needs operators in the catalogue.");
        Field<IdGraphType>("templateId").Description("Start with this template's steps and resources.");
    }
}

public sealed class PipelineStepInput
{
    public Guid PipelineId { get; set; }
    public Guid? StepId { get; set; }
    public string? OperatorId { get; set; }
    public object? Parameters { get; set; }
    public int? Position { get; set; }
    public long? ExpectedVersion { get; set; }

    /// <summary>Returns the parameters as JSON values by name, or null when they are not a JSON object.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ParameterValues()
    {
        if (Parameters is null)
        {
            return new Dictionary<string, JsonElement>();
        }

        var element = JsonSerializer.SerializeToElement(Parameters);
        return element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
            : null;
    }
}

public sealed class AddPipelineStepInputType : InputObjectGraphType<PipelineStepInput>
{
    public AddPipelineStepInputType()
    {
        Name = "AddPipelineStepInput";
        Field<NonNullGraphType<IdGraphType>>("pipelineId");
        Field<NonNullGraphType<StringGraphType>>("operatorId").Description("An operator id from the 'operators' query.");
        Field<JsonGraphType>("parameters").Description("A JSON object of parameter values by name; omitted ones take their default.");
        Field<IntGraphType>("position").Description("0-based position; the end when omitted.");
        Field<LongGraphType>("expectedVersion");
    }
}

public sealed class UpdatePipelineStepInputType : InputObjectGraphType<PipelineStepInput>
{
    public UpdatePipelineStepInputType()
    {
        Name = "UpdatePipelineStepInput";
        Field<NonNullGraphType<IdGraphType>>("pipelineId");
        Field<NonNullGraphType<IdGraphType>>("stepId");
        Field<JsonGraphType>("parameters").Description("The step's new parameters as a JSON object; they replace the old ones.");
        Field<LongGraphType>("expectedVersion");
    }
}

public sealed class RemovePipelineStepInputType : InputObjectGraphType<PipelineStepInput>
{
    public RemovePipelineStepInputType()
    {
        Name = "RemovePipelineStepInput";
        Field<NonNullGraphType<IdGraphType>>("pipelineId");
        Field<NonNullGraphType<IdGraphType>>("stepId");
        Field<LongGraphType>("expectedVersion");
    }
}

public sealed class ReorderPipelineStepsInput
{
    public Guid PipelineId { get; set; }
    public List<Guid> StepIds { get; set; } = [];
    public long? ExpectedVersion { get; set; }
}

public sealed class ReorderPipelineStepsInputType : InputObjectGraphType<ReorderPipelineStepsInput>
{
    public ReorderPipelineStepsInputType()
    {
        Name = "ReorderPipelineStepsInput";
        Field<NonNullGraphType<IdGraphType>>("pipelineId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("stepIds").Description("Every step id of the pipeline once, in the new order.");
        Field<LongGraphType>("expectedVersion");
    }
}

public sealed class ConfigurePipelineResourcesInput
{
    public Guid PipelineId { get; set; }
    public ResourceSettingsInput Resources { get; set; } = new();
    public long? ExpectedVersion { get; set; }
}

public sealed class ConfigurePipelineResourcesInputType : InputObjectGraphType<ConfigurePipelineResourcesInput>
{
    public ConfigurePipelineResourcesInputType()
    {
        Name = "ConfigurePipelineResourcesInput";
        Field<NonNullGraphType<IdGraphType>>("pipelineId");
        Field<NonNullGraphType<ResourceSettingsInputType>>("resources");
        Field<LongGraphType>("expectedVersion");
    }
}

public sealed class PipelineTemplateInput
{
    public Guid PipelineId { get; set; }
    public Guid? TemplateId { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public long? ExpectedVersion { get; set; }
}

public sealed class SavePipelineAsTemplateInputType : InputObjectGraphType<PipelineTemplateInput>
{
    public SavePipelineAsTemplateInputType()
    {
        Name = "SavePipelineAsTemplateInput";
        Field<NonNullGraphType<IdGraphType>>("pipelineId");
        Field<NonNullGraphType<StringGraphType>>("name").Description("1 to 64 characters.");
        Field(x => x.Description, nullable: true);
    }
}

public sealed class ApplyPipelineTemplateInputType : InputObjectGraphType<PipelineTemplateInput>
{
    public ApplyPipelineTemplateInputType()
    {
        Name = "ApplyPipelineTemplateInput";
        Description = "Replaces the pipeline's steps and resources with the template's.";
        Field<NonNullGraphType<IdGraphType>>("pipelineId");
        Field<NonNullGraphType<IdGraphType>>("templateId");
        Field<LongGraphType>("expectedVersion");
    }
}

public sealed class StartProcessingTaskInput
{
    public Guid SpaceId { get; set; }
    public Guid DatasetId { get; set; }
    public Guid PipelineId { get; set; }
    public bool? AutoGenerateDataset { get; set; }
    public OutputDatasetInput? Output { get; set; }
}

public sealed class StartProcessingTaskInputType : InputObjectGraphType<StartProcessingTaskInput>
{
    public StartProcessingTaskInputType()
    {
        Name = "StartProcessingTaskInput";
        Field<NonNullGraphType<IdGraphType>>("spaceId");
        Field<NonNullGraphType<IdGraphType>>("datasetId").Description("An available dataset of the same space.");
        Field<NonNullGraphType<IdGraphType>>("pipelineId");
        Field<BooleanGraphType>("autoGenerateDataset").Description("Create the processed dataset when the task succeeds; true when omitted.");
        Field<OutputDatasetInputType>("output");
    }
}

public sealed class ProcessingTaskInput
{
    public Guid TaskId { get; set; }
    public OutputDatasetInput? Output { get; set; }
}

public sealed class StopProcessingTaskInputType : InputObjectGraphType<ProcessingTaskInput>
{
    public StopProcessingTaskInputType()
    {
        Name = "StopProcessingTaskInput";
        Field<NonNullGraphType<IdGraphType>>("taskId");
    }
}

public sealed class GenerateProcessedDatasetInputType : InputObjectGraphType<ProcessingTaskInput>
{
    public GenerateProcessedDatasetInputType()
    {
        Name = "GenerateProcessedDatasetInput";
        Field<NonNullGraphType<IdGraphType>>("taskId").Description("A succeeded task that has not generated its dataset yet.");
        Field<OutputDatasetInputType>("output");
    }
}
