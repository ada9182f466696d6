using GraphQL;
using GraphQL.Types;
using PanguGraph.Compute.Importing;
using PanguGraph.Domain.Datasets;
using PanguGraph.GraphQL.Schema;
using PanguGraph.Projections.Datasets;

namespace PanguGraph.GraphQL.Datasets;

public sealed class CustomFieldType : ObjectGraphType<CustomField>
{
    public CustomFieldType()
    {
        Name = "CustomField";
        Field(x => x.Key);
        Field(x => x.Value);
    }
}

public sealed class CopyrightType : ObjectGraphType<Copyright>
{
    public CopyrightType()
    {
        Name = "Copyright";
        Field(x => x.Holder, nullable: true);
        Field(x => x.License, nullable: true).Description("Licence name or identifier, such as CC-BY-4.0.");
        Field(x => x.Statement, nullable: true);
    }
}

public sealed class ExtendedInfoType : ObjectGraphType<ExtendedInfo>
{
    public ExtendedInfoType()
    {
        Name = "ExtendedInfo";
        Description = "Optional dataset attributes: industry, language, custom fields and copyright.";
        Field(x => x.Industry, nullable: true);
        Field(x => x.Language, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CustomFieldType>>>>("customFields").Resolve(ctx => ctx.Source.CustomFields);
        Field<CopyrightType>("copyright").Resolve(ctx => ctx.Source.Copyright);
    }
}

public sealed class DatasetStatisticsType : ObjectGraphType<DatasetStatistics>
{
    public DatasetStatisticsType()
    {
        Name = "DatasetStatistics";
        Field<NonNullGraphType<LongGraphType>>("recordCount").Resolve(ctx => ctx.Source.RecordCount);
        Field<NonNullGraphType<LongGraphType>>("byteCount").Description("Bytes read from the source objects.").Resolve(ctx => ctx.Source.ByteCount);
        Field(x => x.ObjectCount).Description("Number of source objects imported.");
    }
}

public sealed class StorageLocationType : ObjectGraphType<StorageLocation>
{
    public StorageLocationType()
    {
        Name = "StorageLocation";
        Description = "Where the platform keeps the dataset version's normalised copy.";
        Field(x => x.Bucket);
        Field(x => x.Prefix);
        Field(x => x.ManifestKey);
    }
}

public sealed class DatasetType : ObjectGraphType<DatasetView>
{
    public DatasetType()
    {
        Name = "Dataset";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field<NonNullGraphType<IdGraphType>>("spaceId").Resolve(ctx => ctx.Source.SpaceId);
        Field<IdGraphType>("importTaskId")
            .Description("The import task that created the dataset; null for processed and annotated datasets (see sourceTaskId).")
            .Resolve(ctx => ctx.Source.ImportTaskId == Guid.Empty ? null : ctx.Source.ImportTaskId);
        Field(x => x.Name);
        Field(x => x.Description, nullable: true);
        Field<NonNullGraphType<ModalityEnum>>("modality").Resolve(ctx => ctx.Source.Modality);
        Field<NonNullGraphType<FileFormatEnum>>("format").Resolve(ctx => ctx.Source.Format);
        Field<NonNullGraphType<DatasetStatusEnum>>("status").Resolve(ctx => ctx.Source.Status);
        Field<NonNullGraphType<VisibilityEnum>>("visibility").Resolve(ctx => ctx.Source.Visibility);
        Field<NonNullGraphType<ExtendedInfoType>>("extendedInfo").Resolve(ctx => ctx.Source.ExtendedInfo);
        Field<IdGraphType>("sourceDatasetId")
            .Description("Lineage: the dataset this one was derived from (by annotation or processing); null for imported datasets.")
            .Resolve(ctx => ctx.Source.SourceDatasetId);
        Field<IdGraphType>("sourceTaskId")
            .Description("Lineage: the task that produced this dataset, such as an annotation task; null for imported datasets.")
            .Resolve(ctx => ctx.Source.SourceTaskId);
        Field(x => x.DatasetVersion).Description("Version of the dataset's content; an import creates version 1.");
        Field<NonNullGraphType<DatasetStatisticsType>>("statistics").Resolve(ctx => ctx.Source.Statistics);
        Field<NonNullGraphType<StorageLocationType>>("location").Resolve(ctx => ctx.Source.Location);
        Field(x => x.CreatedBy);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Resolve(ctx => ctx.Source.CreatedAt);
        Field(x => x.UpdatedBy);
        Field<NonNullGraphType<InstantGraphType>>("updatedAt").Resolve(ctx => ctx.Source.UpdatedAt);
        Field<NonNullGraphType<LongGraphType>>("version")
            .Description("Event stream version; pass it as expectedVersion to reject a change made on stale data.")
            .Resolve(ctx => ctx.Source.Version);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<JsonGraphType>>>>("preview")
            .Description("The first records of the normalised copy (for media datasets, the first file entries).")
            .Argument<IntGraphType>("limit", "Number of records, 1 to 50; 5 when omitted.")
            .ResolveAsync(async ctx =>
            {
                var limit = Math.Clamp(ctx.GetArgument<int?>("limit") ?? 5, 1, 50);
                if (ctx.Source.Status == DatasetStatus.Deleted)
                {
                    return Array.Empty<System.Text.Json.JsonElement>();
                }

                return await ctx.Service<DatasetPreviewReader>().ReadAsync(ctx.Source.Location, limit, ctx.CancellationToken);
            });
    }
}

public sealed class UpdateDatasetPayloadType() : PayloadGraphType<DatasetType, DatasetView>("UpdateDatasetPayload", "dataset");

public sealed class DeleteDatasetPayloadType() : PayloadGraphType<DatasetType, DatasetView>("DeleteDatasetPayload", "dataset");

public sealed class CustomFieldInputType : InputObjectGraphType<CustomField>
{
    public CustomFieldInputType()
    {
        Name = "CustomFieldInput";
        Field(x => x.Key).Description("1 to 32 characters, unique within the dataset.");
        Field(x => x.Value).Description("At most 256 characters.");
    }
}

public sealed class CopyrightInput
{
    public string? Holder { get; set; }
    public string? License { get; set; }
    public string? Statement { get; set; }
}

public sealed class CopyrightInputType : InputObjectGraphType<CopyrightInput>
{
    public CopyrightInputType()
    {
        Name = "CopyrightInput";
        Field(x => x.Holder, nullable: true);
        Field(x => x.License, nullable: true);
        Field(x => x.Statement, nullable: true);
    }
}

public sealed class ExtendedInfoInput
{
    public string? Industry { get; set; }
    public string? Language { get; set; }
    public List<CustomField>? CustomFields { get; set; }
    public CopyrightInput? Copyright { get; set; }

    public ExtendedInfo ToExtendedInfo() => new(
        Industry,
        Language,
        CustomFields ?? [],
        Copyright is null ? null : new Copyright(Copyright.Holder, Copyright.License, Copyright.Statement));
}

public sealed class ExtendedInfoInputType : InputObjectGraphType<ExtendedInfoInput>
{
    public ExtendedInfoInputType()
    {
        Name = "ExtendedInfoInput";
        Field(x => x.Industry, nullable: true).Description("At most 64 characters.");
        Field(x => x.Language, nullable: true).Description("At most 32 characters, for example zh-CN.");
        Field<ListGraphType<NonNullGraphType<CustomFieldInputType>>>("customFields").Description("At most 20 fields.");
        Field<CopyrightInputType>("copyright");
    }
}

public sealed class UpdateDatasetInput
{
    public Guid DatasetId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public Visibility Visibility { get; set; }
    public ExtendedInfoInput? ExtendedInfo { get; set; }
    public long? ExpectedVersion { get; set; }
}

public sealed class UpdateDatasetInputType : InputObjectGraphType<UpdateDatasetInput>
{
    public UpdateDatasetInputType()
    {
        Name = "UpdateDatasetInput";
        Description = "Replaces name, description and visibility; extended info only when given.";
        Field<NonNullGraphType<IdGraphType>>("datasetId");
        Field(x => x.Name);
        Field(x => x.Description, nullable: true);
        Field<NonNullGraphType<VisibilityEnum>>("visibility");
        Field<ExtendedInfoInputType>("extendedInfo").Description("Replaces the extended info when given; omitted keeps it as it is.");
        Field<LongGraphType>("expectedVersion").Description("The version you read; the change is rejected if the dataset moved on.");
    }
}

public sealed class DeleteDatasetInput
{
    public Guid DatasetId { get; set; }
    public long? ExpectedVersion { get; set; }
}

public sealed class DeleteDatasetInputType : InputObjectGraphType<DeleteDatasetInput>
{
    public DeleteDatasetInputType()
    {
        Name = "DeleteDatasetInput";
        Field<NonNullGraphType<IdGraphType>>("datasetId");
        Field<LongGraphType>("expectedVersion");
    }
}

public sealed class DatasetFilter
{
    public Modality? Modality { get; set; }
    public DatasetStatus? Status { get; set; }
}

public sealed class DatasetFilterType : InputObjectGraphType<DatasetFilter>
{
    public DatasetFilterType()
    {
        Name = "DatasetFilter";
        Field<ModalityEnum>("modality");
        Field<DatasetStatusEnum>("status").Description("AVAILABLE when omitted.");
    }
}
