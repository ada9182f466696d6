using GraphQL;
using System.Text.Json;
using GraphQL.Types;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Processing;
using PanguGraph.Domain.Processing.Catalogue;
using PanguGraph.Domain.Processing.Pipelines;
using PanguGraph.Domain.Processing.Resources;
using PanguGraph.Domain.Processing.Tasks;
using PanguGraph.GraphQL.Datasets;
using PanguGraph.GraphQL.Schema;
using PanguGraph.Projections.Processing;

namespace PanguGraph.GraphQL.Processing;

public sealed class OperatorKindEnum : EnumerationGraphType<OperatorKind>
{
    public OperatorKindEnum() => Name = "OperatorKind";
}

public sealed class ParameterTypeEnum : EnumerationGraphType<ParameterType>
{
    public ParameterTypeEnum() => Name = "OperatorParameterType";
}

public sealed class ProcessingStatusEnum : EnumerationGraphType<ProcessingStatus>
{
    public ProcessingStatusEnum() => Name = "ProcessingStatus";
}

public sealed class SampleKindEnum : EnumerationGraphType<SampleKind>
{
    public SampleKindEnum() => Name = "RecordSampleKind";
}

internal static class Localized
{
    public static string For(this LocalizedText text, global::GraphQL.IResolveFieldContext context) => text.For(context.Pangu().Culture.Name);

    public static JsonElement? ToJson(object? value) => value is null ? null : JsonSerializer.SerializeToElement(value);

    public static string OperatorName(global::GraphQL.IResolveFieldContext context, string operatorId) =>
        OperatorCatalogue.Find(operatorId)?.DisplayName.For(context) ?? operatorId;
}

public sealed class OperatorParameterType : ObjectGraphType<ParameterDefinition>
{
    public OperatorParameterType()
    {
        Name = "OperatorParameter";
        Description = "One parameter of an operator, with what a form needs to render and check it.";
        Field(x => x.Name);
        Field<NonNullGraphType<ParameterTypeEnum>>("type").Resolve(ctx => ctx.Source.Type);
        Field<JsonGraphType>("default").Description("Value used when the step does not set the parameter; null when there is none.").Resolve(ctx => Localized.ToJson(ctx.Source.Default));
        Field<FloatGraphType>("minimum").Description("Lower bound of a number, or the minimum item count of a string list.").Resolve(ctx => ctx.Source.Minimum);
        Field<FloatGraphType>("maximum").Description("Upper bound of a number, or the maximum item count of a string list.").Resolve(ctx => ctx.Source.Maximum);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("allowedValues").Description("Choices of an enum, or the values a string list may contain.").Resolve(ctx => ctx.Source.AllowedValues);
        Field(x => x.Required);
        Field<NonNullGraphType<StringGraphType>>("description").Description("In the caller's language.").Resolve(ctx => ctx.Source.Description.For(ctx));
    }
}

public sealed class OperatorType : ObjectGraphType<OperatorDefinition>
{
    public OperatorType()
    {
        Name = "Operator";
        Description = "A processing operator from the catalogue.";
        Field(x => x.Id).Description("Stable operator id, such as text.length_filter.");
        Field<NonNullGraphType<OperatorKindEnum>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModalityEnum>>>>("modalities").Resolve(ctx => ctx.Source.Modalities);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Display name in the caller's language.").Resolve(ctx => ctx.Source.DisplayName.For(ctx));
        Field<NonNullGraphType<StringGraphType>>("description").Description("In the caller's language.").Resolve(ctx => ctx.Source.Description.For(ctx));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OperatorParameterType>>>>("parameters").Resolve(ctx => ctx.Source.Parameters);
    }
}

public sealed class PipelineStepType : ObjectGraphType<PipelineStep>
{
    public PipelineStepType()
    {
        Name = "PipelineStep";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.StepId);
        Field(x => x.OperatorId);
        Field<NonNullGraphType<StringGraphType>>("operatorName").Resolve(ctx => Localized.OperatorName(ctx, ctx.Source.OperatorId));
        Field<NonNullGraphType<JsonGraphType>>("parameters").Description("Parameters the user set; omitted ones take the catalogue default.")
            .Resolve(ctx => JsonSerializer.SerializeToElement(ctx.Source.Parameters));
    }
}

public sealed class ResourceSettingsType : ObjectGraphType<PipelineResources>
{
    public ResourceSettingsType()
    {
        Name = "ResourceSettings";
        Description = "Resources of the tasks a pipeline runs. numExecutors is the number of shards of a task that run at once; " +
                      "executorMemory (GB) bounds each shard to executorMemory × 16 MiB of raw input. The other settings are checked and stored.";
        Field(x => x.NumExecutors);
        Field(x => x.ExecutorCores);
        Field(x => x.ExecutorMemory).Description("GB per executor.");
        Field(x => x.DriverCores);
        Field(x => x.DriverMemory).Description("GB.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomFieldType>>>>("custom").Resolve(ctx => ctx.Source.Custom);
    }
}

public sealed class PipelineType : ObjectGraphType<PipelineView>
{
    public PipelineType()
    {
        Name = "Pipeline";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("spaceId").Resolve(ctx => ctx.Source.SpaceId);
        Field(x => x.Name);
        Field(x => x.Description, nullable: true);
        Field<NonNullGraphType<ModalityEnum>>("modality").Resolve(ctx => ctx.Source.Modality);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PipelineStepType>>>>("steps").Resolve(ctx => ctx.Source.Steps);
        Field<NonNullGraphType<ResourceSettingsType>>("resources").Resolve(ctx => ctx.Source.Resources);
        Field<IdGraphType>("appliedTemplateId").Resolve(ctx => ctx.Source.AppliedTemplateId);
        Field(x => x.IsDeleted);
        Field(x => x.CreatedBy);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Resolve(ctx => ctx.Source.CreatedAt);
        Field<NonNullGraphType<InstantGraphType>>("updatedAt").Resolve(ctx => ctx.Source.UpdatedAt);
        Field<NonNullGraphType<LongGraphType>>("version").Description("Pass it as expectedVersion to reject a change made on stale data.").Resolve(ctx => ctx.Source.Version);
    }
}

public sealed class PipelineTemplateType : ObjectGraphType<PipelineTemplateView>
{
    public PipelineTemplateType()
    {
        Name = "PipelineTemplate";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("spaceId").Resolve(ctx => ctx.Source.SpaceId);
        Field<NonNullGraphType<IdGraphType>>("sourcePipelineId").Resolve(ctx => ctx.Source.SourcePipelineId);
        Field(x => x.Name);
        Field(x => x.Description, nullable: true);
        Field<NonNullGraphType<ModalityEnum>>("modality").Resolve(ctx => ctx.Source.Modality);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PipelineStepType>>>>("steps").Resolve(ctx => ctx.Source.Steps);
        Field<NonNullGraphType<ResourceSettingsType>>("resources").Resolve(ctx => ctx.Source.Resources);
        Field(x => x.CreatedBy);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Resolve(ctx => ctx.Source.CreatedAt);
    }
}

public sealed class StepStatisticsType : ObjectGraphType<StepCounts>
{
    public StepStatisticsType()
    {
        Name = "StepStatistics";
        Description = "Counts of one pipeline step summed over every shard.";
        Field(x => x.StepIndex);
        Field(x => x.OperatorId);
        Field<NonNullGraphType<StringGraphType>>("operatorName").Resolve(ctx => Localized.OperatorName(ctx, ctx.Source.OperatorId));
        Field<NonNullGraphType<LongGraphType>>("recordsIn").Resolve(ctx => ctx.Source.RecordsIn);
        Field<NonNullGraphType<LongGraphType>>("recordsOut").Resolve(ctx => ctx.Source.RecordsOut);
        Field<NonNullGraphType<LongGraphType>>("modified").Resolve(ctx => ctx.Source.Modified);
        Field<NonNullGraphType<LongGraphType>>("removed").Resolve(ctx => ctx.Source.Removed);
        Field<NonNullGraphType<LongGraphType>>("unprocessable").Description("Records the operator could not read; they pass through unchanged.").Resolve(ctx => ctx.Source.Unprocessable);
    }
}

public sealed class RecordSampleType : ObjectGraphType<RecordSample>
{
    public RecordSampleType()
    {
        Name = "RecordSample";
        Description = "A record that a step removed, changed or could not process, before and after.";
        Field(x => x.StepIndex);
        Field(x => x.OperatorId);
        Field<NonNullGraphType<SampleKindEnum>>("kind").Resolve(ctx => ctx.Source.Kind);
        Field(x => x.RecordId);
        Field(x => x.Field, nullable: true).Description("Field a mapper changed.");
        Field(x => x.Before).Description("Changed field's text, or the whole record as JSON; cut to 500 characters.");
        Field(x => x.After, nullable: true);
        Field(x => x.ReasonCode, nullable: true);
        Field(x => x.ReasonDetail, nullable: true);
    }
}

public sealed class StageMergeType : ObjectGraphType<StageMerge>
{
    public StageMergeType()
    {
        Name = "DeduplicationMerge";
        Description = "Phase 2 of a deduplication step: signatures of all shards merged into one decision.";
        Field(x => x.Stage);
        Field(x => x.StepIndex);
        Field(x => x.DuplicatesFound);
        Field(x => x.CandidatePairs);
    }
}

public sealed class ProcessingFailureType : ObjectGraphType<ProcessingFailure>
{
    public ProcessingFailureType()
    {
        Name = "ProcessingFailure";
        Field(x => x.Code);
        Field<NonNullGraphType<StringGraphType>>("message")
            .Resolve(ctx => ctx.Pangu().Culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? ctx.Source.ReasonZh : ctx.Source.ReasonEn);
    }
}

public sealed class ProcessingTaskType : ObjectGraphType<ProcessingTaskView>
{
    public ProcessingTaskType()
    {
        Name = "ProcessingTask";
        Description = "A run of a pipeline over a dataset, split into shards that any worker may take.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("spaceId").Resolve(ctx => ctx.Source.SpaceId);
        Field<NonNullGraphType<IdGraphType>>("datasetId").Resolve(ctx => ctx.Source.DatasetId);
        Field(x => x.DatasetVersion);
        Field(x => x.DatasetName);
        Field<NonNullGraphType<IdGraphType>>("pipelineId").Resolve(ctx => ctx.Source.PipelineId);
        Field<NonNullGraphType<LongGraphType>>("pipelineVersion").Resolve(ctx => ctx.Source.PipelineVersion);
        Field(x => x.PipelineName);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PipelineStepType>>>>("steps").Description("The pipeline's steps as they were when the task started.").Resolve(ctx => ctx.Source.Steps);
        Field<NonNullGraphType<ResourceSettingsType>>("resources").Resolve(ctx => ctx.Source.Resources);
        Field<NonNullGraphType<BooleanGraphType>>("autoGenerateDataset").Resolve(ctx => ctx.Source.Output.AutoGenerate);
        Field<NonNullGraphType<StringGraphType>>("outputDatasetName").Resolve(ctx => ctx.Source.Output.Name);
        Field<NonNullGraphType<ProcessingStatusEnum>>("status").Resolve(ctx => ctx.Source.Status);
        Field(x => x.StopRequested);
        Field(x => x.ShardCount);
        Field(x => x.StageCount).Description("Each deduplication step ends a stage, so that duplicates are found across all shards.");
        Field(x => x.CurrentStage);
        Field(x => x.MaxConcurrentShards).Description("Shards of a stage that run at once (numExecutors).");
        Field<NonNullGraphType<LongGraphType>>("maxShardBytes").Resolve(ctx => ctx.Source.MaxShardBytes);
        Field(x => x.ShardsProcessed).Description("Shard results recorded over all stages.");
        Field(x => x.StageShardsProcessed).Description("Shards of the current stage that finished.");
        Field<NonNullGraphType<LongGraphType>>("totalRecords").Resolve(ctx => ctx.Source.TotalRecords);
        Field<NonNullGraphType<LongGraphType>>("recordsProcessed").Description("Records read over all stages, including shards in flight.").Resolve(ctx => ctx.Source.RecordsProcessed);
        Field<NonNullGraphType<LongGraphType>>("recordsIn").Resolve(ctx => ctx.Source.RecordsIn);
        Field<NonNullGraphType<LongGraphType>>("recordsOut").Resolve(ctx => ctx.Source.RecordsOut);
        Field<FloatGraphType>("throughput").Description("Records read per second since the task started.").Resolve(ctx => Throughput(ctx.Source));
        Field<FloatGraphType>("etaSeconds").Description("Estimated seconds left, from the throughput so far and the records every stage still has to read.").Resolve(ctx =>
        {
            var throughput = Throughput(ctx.Source);
            if (throughput is not > 0 || ctx.Source.Status != ProcessingStatus.Running)
            {
                return null;
            }

            var remaining = Math.Max(0, (ctx.Source.TotalRecords * ctx.Source.StageCount) - ctx.Source.RecordsProcessed);
            return remaining / throughput;
        });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StepStatisticsType>>>>("statistics").Resolve(ctx => ctx.Source.StepStatistics);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecordSampleType>>>>("samples")
            .Argument<IntGraphType>("stepIndex", "Only samples of this step.")
            .Resolve(ctx => ctx.GetArgument<int?>("stepIndex") is { } step ? ctx.Source.Samples.Where(s => s.StepIndex == step).ToList() : ctx.Source.Samples);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StageMergeType>>>>("deduplication").Resolve(ctx => ctx.Source.Merges);
        Field(x => x.EmptyResult).Description("True when the task succeeded but the pipeline removed every record.");
        Field<StorageLocationType>("outputLocation").Resolve(ctx => ctx.Source.OutputLocation);
        Field<IdGraphType>("processedDatasetId").Description("The processed dataset, once generated.").Resolve(ctx => ctx.Source.GeneratedDatasetId);
        Field<ProcessingFailureType>("failure").Resolve(ctx => ctx.Source.Failure);
        Field(x => x.CreatedBy);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Resolve(ctx => ctx.Source.CreatedAt);
        Field<InstantGraphType>("startedAt").Resolve(ctx => ctx.Source.StartedAt);
        Field<InstantGraphType>("finishedAt").Resolve(ctx => ctx.Source.FinishedAt);
        Field<NonNullGraphType<LongGraphType>>("version").Resolve(ctx => ctx.Source.Version);
    }

    private static double? Throughput(ProcessingTaskView task)
    {
        if (task.StartedAt is not { } started)
        {
            return null;
        }

        var seconds = ((task.FinishedAt ?? task.UpdatedAt) - started).TotalSeconds;
        return seconds > 0 ? task.RecordsProcessed / seconds : null;
    }
}

public sealed class DatasetLineageType : ObjectGraphType<DatasetLineageView>
{
    public DatasetLineageType()
    {
        Name = "DatasetLineage";
        Description = "Where a processed dataset came from.";
        Field<NonNullGraphType<IdGraphType>>("datasetId").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("sourceDatasetId").Resolve(ctx => ctx.Source.SourceDatasetId);
        Field(x => x.SourceDatasetVersion);
        Field<NonNullGraphType<IdGraphType>>("pipelineId").Resolve(ctx => ctx.Source.PipelineId);
        Field<NonNullGraphType<LongGraphType>>("pipelineVersion").Resolve(ctx => ctx.Source.PipelineVersion);
        Field<NonNullGraphType<IdGraphType>>("processingTaskId").Resolve(ctx => ctx.Source.ProcessingTaskId);
    }
}

public sealed record ProcessingTaskUpdate(string EventType, long Version, long Sequence, ProcessingTaskView Task);

public sealed class ProcessingTaskUpdateType : ObjectGraphType<ProcessingTaskUpdate>
{
    public ProcessingTaskUpdateType()
    {
        Name = "ProcessingTaskUpdate";
        Field(x => x.EventType).Description("Stable event alias, such as processing_shard_processed.");
        Field<NonNullGraphType<LongGraphType>>("version").Description("Stream version of the event; resume with afterVersion.").Resolve(ctx => ctx.Source.Version);
        Field<NonNullGraphType<LongGraphType>>("sequence").Resolve(ctx => ctx.Source.Sequence);
        Field<NonNullGraphType<ProcessingTaskType>>("task").Resolve(ctx => ctx.Source.Task);
    }
}

public sealed class PipelinePayloadType() : PayloadGraphType<PipelineType, PipelineView>("PipelinePayload", "pipeline");

public sealed class PipelineTemplatePayloadType() : PayloadGraphType<PipelineTemplateType, PipelineTemplateView>("PipelineTemplatePayload", "template");

public sealed class ProcessingTaskPayloadType() : PayloadGraphType<ProcessingTaskType, ProcessingTaskView>("ProcessingTaskPayload", "task");

public sealed class ProcessedDatasetPayloadType() : PayloadGraphType<DatasetType, Projections.Datasets.DatasetView>("ProcessedDatasetPayload", "dataset");

public sealed class ResourceSettingsInput
{
    public int? NumExecutors { get; set; }
    public int? ExecutorCores { get; set; }
    public int? ExecutorMemory { get; set; }
    public int? DriverCores { get; set; }
    public int? DriverMemory { get; set; }
    public List<CustomField>? Custom { get; set; }

    public ResourceSettings ToSettings() => new(
        NumExecutors ?? ResourceSettings.Default.NumExecutors,
        ExecutorCores ?? ResourceSettings.Default.ExecutorCores,
        ExecutorMemory ?? ResourceSettings.Default.ExecutorMemory,
        DriverCores ?? ResourceSettings.Default.DriverCores,
        DriverMemory ?? ResourceSettings.Default.DriverMemory,
        (Custom ?? []).GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Last().Value));
}

public sealed class ResourceSettingsInputType : InputObjectGraphType<ResourceSettingsInput>
{
    public ResourceSettingsInputType()
    {
        Name = "ResourceSettingsInput";
        Description = "Omitted values take the defaults: numExecutors 2, executorCores 2, executorMemory 4, driverCores 2, driverMemory 4. " +
                      "numExecutors × executorMemory must lie in [4, 16] GB; cores to memory (GB) between 1:2 and 1:4.";
        Field(x => x.NumExecutors, nullable: true);
        Field(x => x.ExecutorCores, nullable: true);
        Field(x => x.ExecutorMemory, nullable: true);
        Field(x => x.DriverCores, nullable: true);
        Field(x => x.DriverMemory, nullable: true);
        Field<ListGraphType<NonNullGraphType<CustomFieldInputType>>>("custom").Description("Extra engine settings as key/value pairs.");
    }
}

public sealed class OutputDatasetInput
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public ExtendedInfoInput? ExtendedInfo { get; set; }
}

public sealed class OutputDatasetInputType : InputObjectGraphType<OutputDatasetInput>
{
    public OutputDatasetInputType()
    {
        Name = "OutputDatasetInput";
        Description = "Name, description and extended info of the processed dataset; the name defaults to '<source>-processed'.";
        Field(x => x.Name, nullable: true);
        Field(x => x.Description, nullable: true);
        Field<ExtendedInfoInputType>("extendedInfo");
    }
}
