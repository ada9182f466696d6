using GraphQL.Types;
using PanguGraph.Domain.Datasets;
using PanguGraph.Domain.Importing;
using PanguGraph.GraphQL.Datasets;
using PanguGraph.GraphQL.Schema;
using PanguGraph.Projections.Importing;

namespace PanguGraph.GraphQL.Importing;

public sealed class ImportSourceType : ObjectGraphType<ImportSource>
{
    public ImportSourceType()
    {
        Name = "ImportSource";
        Field(x => x.Bucket);
        Field(x => x.Prefix, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("keys").Resolve(ctx => ctx.Source.Keys);
    }
}

public sealed class ImportFailureType : ObjectGraphType<ImportFailure>
{
    public ImportFailureType()
    {
        Name = "ImportFailure";
        Field(x => x.Code);
        Field<NonNullGraphType<StringGraphType>>("message")
            .Description("What went wrong and what to do, in the caller's language.")
            .Resolve(ctx => ctx.Pangu().Culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? ctx.Source.ReasonZh : ctx.Source.ReasonEn);
        Field(x => x.ObjectKey, nullable: true).Description("Source object at fault, when known.");
        Field<LongGraphType>("line").Description("1-based line (or record index) at fault, when known.").Resolve(ctx => ctx.Source.Line);
    }
}

public sealed class ImportTaskType : ObjectGraphType<ImportTaskView>
{
    public ImportTaskType()
    {
        Name = "ImportTask";
        Description = "An import of objects from S3 into a new raw dataset, with the progress of its current attempt.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("spaceId").Resolve(ctx => ctx.Source.SpaceId);
        Field<NonNullGraphType<IdGraphType>>("datasetId")
            .Description("Id the dataset gets when the import succeeds; no dataset exists before that.")
            .Resolve(ctx => ctx.Source.DatasetId);
        Field(x => x.DatasetName);
        Field(x => x.Description, nullable: true);
        Field<NonNullGraphType<ModalityEnum>>("modality").Resolve(ctx => ctx.Source.Modality);
        Field<NonNullGraphType<FileFormatEnum>>("format").Resolve(ctx => ctx.Source.Format);
        Field<NonNullGraphType<ImportSourceType>>("source").Resolve(ctx => ctx.Source.Source);
        Field<NonNullGraphType<ImportStatusEnum>>("status").Resolve(ctx => ctx.Source.Status);
        Field(x => x.Attempt).Description("Attempt number; a worker crash or retry starts a new attempt from the first object.");
        Field(x => x.ObjectCount);
        Field(x => x.ObjectsDone);
        Field<NonNullGraphType<LongGraphType>>("totalBytes").Resolve(ctx => ctx.Source.TotalBytes);
        Field<NonNullGraphType<LongGraphType>>("bytesRead").Resolve(ctx => ctx.Source.BytesRead);
        Field<NonNullGraphType<LongGraphType>>("recordsImported").Resolve(ctx => ctx.Source.RecordsImported);
        Field<FloatGraphType>("progress")
            .Description("Fraction of source bytes read in the current attempt, 0 to 1; null before the job starts.")
            .Resolve(ctx => ctx.Source.TotalBytes > 0 ? Math.Min(1.0, (double)ctx.Source.BytesRead / ctx.Source.TotalBytes) : null);
        Field<ImportFailureType>("failure").Resolve(ctx => ctx.Source.Failure);
        Field(x => x.CreatedBy);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Resolve(ctx => ctx.Source.CreatedAt);
        Field<InstantGraphType>("startedAt").Resolve(ctx => ctx.Source.StartedAt);
        Field<InstantGraphType>("finishedAt").Resolve(ctx => ctx.Source.FinishedAt);
        Field<NonNullGraphType<LongGraphType>>("version").Resolve(ctx => ctx.Source.Version);
    }
}

public sealed class CreateImportTaskPayloadType() : PayloadGraphType<ImportTaskType, ImportTaskView>("CreateImportTaskPayload", "importTask");

/// <summary>
/// One change of an import task, as pushed to live dashboards: the event and the task's state right after it.
/// </summary>
public sealed record ImportTaskUpdate(string EventType, long Version, long Sequence, ImportTaskView Task);

public sealed class ImportTaskUpdateType : ObjectGraphType<ImportTaskUpdate>
{
    public ImportTaskUpdateType()
    {
        Name = "ImportTaskUpdate";
        Field(x => x.EventType).Description("Stable event alias, such as import_progressed or import_succeeded.");
        Field<NonNullGraphType<LongGraphType>>("version").Description("Stream version of the event; resume with afterVersion.").Resolve(ctx => ctx.Source.Version);
        Field<NonNullGraphType<LongGraphType>>("sequence").Description("Global event sequence number.").Resolve(ctx => ctx.Source.Sequence);
        Field<NonNullGraphType<ImportTaskType>>("task").Resolve(ctx => ctx.Source.Task);
    }
}

public sealed class ImportSourceInput
{
    public string Bucket { get; set; } = "";
    public string? Prefix { get; set; }
    public List<string>? Keys { get; set; }
}

public sealed class ImportSourceInputType : InputObjectGraphType<ImportSourceInput>
{
    public ImportSourceInputType()
    {
        Name = "ImportSourceInput";
        Description = "Either a prefix (every object under it) or explicit keys, not both.";
        Field(x => x.Bucket);
        Field(x => x.Prefix, nullable: true);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("keys").Description("At most 1000 keys.");
    }
}

public sealed class CreateImportTaskInput
{
    public Guid SpaceId { get; set; }
    public string DatasetName { get; set; } = "";
    public string? Description { get; set; }
    public Modality Modality { get; set; }
    public FileFormat Format { get; set; }
    public ImportSourceInput Source { get; set; } = new();
    public Visibility? Visibility { get; set; }
    public ExtendedInfoInput? ExtendedInfo { get; set; }
}

public sealed class CreateImportTaskInputType : InputObjectGraphType<CreateImportTaskInput>
{
    public CreateImportTaskInputType()
    {
        Name = "CreateImportTaskInput";
        Field<NonNullGraphType<IdGraphType>>("spaceId");
        Field(x => x.DatasetName).Description("Name of the dataset to create, 1 to 64 characters.");
        Field(x => x.Description, nullable: true);
        Field<NonNullGraphType<ModalityEnum>>("modality").Description("The dataset type.");
        Field<NonNullGraphType<FileFormatEnum>>("format")
            .Description("JSONL, JSON, CSV or PARQUET for record data; MEDIA_FILES for image, audio and video datasets.");
        Field<NonNullGraphType<ImportSourceInputType>>("source");
        Field<VisibilityEnum>("visibility").Description("SPACE when omitted.");
        Field<ExtendedInfoInputType>("extendedInfo");
    }
}
