using GraphQL;
using GraphQL.Types;
using Marten;
using PanguGraph.Domain.Spaces;
using PanguGraph.GraphQL.Schema;
using PanguGraph.Projections.Spaces;
using PanguGraph.Projections.Users;

namespace PanguGraph.GraphQL.Spaces;

public sealed class MemberType : ObjectGraphType<MemberView>
{
    public MemberType()
    {
        Name = "Member";
        Field(x => x.UserId);
        Field<NonNullGraphType<RoleEnum>>("role").Resolve(ctx => ctx.Source.Role);
        Field<NonNullGraphType<InstantGraphType>>("addedAt").Resolve(ctx => ctx.Source.AddedAt);
    }
}

public sealed class SpaceStatisticsType : ObjectGraphType<SpaceStatistics>
{
    public SpaceStatisticsType()
    {
        Name = "SpaceStatistics";
        Description = "Counters kept by an asynchronous projection; they may trail the latest events by a moment.";
        Field(x => x.ImportTasksCreated);
        Field(x => x.ImportsSucceeded);
        Field(x => x.ImportsFailed);
        Field(x => x.DatasetsImported);
        Field(x => x.DatasetsDeleted);
        Field<NonNullGraphType<LongGraphType>>("recordsImported").Resolve(ctx => ctx.Source.RecordsImported);
        Field<NonNullGraphType<LongGraphType>>("bytesImported").Resolve(ctx => ctx.Source.BytesImported);
        Field(x => x.ProcessedDatasetsCreated).Description("Processed datasets created by processing tasks, deleted ones included.");
        Field<NonNullGraphType<LongGraphType>>("processedRecords").Description("Records in all processed datasets created.").Resolve(ctx => ctx.Source.ProcessedRecords);
    }
}

public sealed class SpaceType : ObjectGraphType<SpaceView>
{
    public SpaceType()
    {
        Name = "Space";
        Description = "A workspace: its members, their roles and the assets it owns.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Id);
        Field(x => x.Name);
        Field(x => x.Description, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MemberType>>>>("members").Resolve(ctx => ctx.Source.Members);
        Field(x => x.CreatedBy);
        Field<NonNullGraphType<InstantGraphType>>("createdAt").Resolve(ctx => ctx.Source.CreatedAt);
        Field<NonNullGraphType<InstantGraphType>>("updatedAt").Resolve(ctx => ctx.Source.UpdatedAt);
        Field<NonNullGraphType<LongGraphType>>("version")
            .Description("Stream version; pass it as expectedVersion to reject a change made on stale data.")
            .Resolve(ctx => ctx.Source.Version);
        Field<RoleEnum>("myRole").Description("The caller's role in this space, null for a super admin who is not a member.")
            .Resolve(ctx => ctx.Source.RoleOf(ctx.RequireCaller().UserId));
        Field<NonNullGraphType<SpaceStatisticsType>>("statistics").ResolveAsync(async ctx =>
            await ctx.Service<IQuerySession>().LoadAsync<SpaceStatistics>(ctx.Source.Id, ctx.CancellationToken)
            ?? new SpaceStatistics { Id = ctx.Source.Id });
    }
}

public sealed class ApiKeySummaryType : ObjectGraphType<ApiKeySummary>
{
    public ApiKeySummaryType()
    {
        Name = "ApiKeySummary";
        Description = "An active API key, without the secret: only its first characters are kept for recognition.";
        Field<NonNullGraphType<IdGraphType>>("keyId").Resolve(ctx => ctx.Source.KeyId);
        Field(x => x.Prefix);
        Field(x => x.Label, nullable: true);
        Field(x => x.IssuedBy);
        Field<NonNullGraphType<InstantGraphType>>("issuedAt").Resolve(ctx => ctx.Source.IssuedAt);
    }
}

public sealed class UserType : ObjectGraphType<UserView>
{
    public UserType()
    {
        Name = "User";
        Field(x => x.UserId);
        Field(x => x.DisplayName);
        Field(x => x.IsSuperAdmin);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeySummaryType>>>>("apiKeys").Resolve(ctx => ctx.Source.ApiKeys);
    }
}

public sealed class CreateSpacePayloadType() : PayloadGraphType<SpaceType, SpaceView>("CreateSpacePayload", "space");

public sealed class RenameSpacePayloadType() : PayloadGraphType<SpaceType, SpaceView>("RenameSpacePayload", "space");

public sealed class AddMemberPayloadType() : PayloadGraphType<SpaceType, SpaceView>("AddMemberPayload", "space");

public sealed class RemoveMemberPayloadType() : PayloadGraphType<SpaceType, SpaceView>("RemoveMemberPayload", "space");

/// <summary>
/// Result of issuing a key: the only response that ever contains the key itself.
/// </summary>
public sealed record IssuedApiKey(Guid KeyId, string ApiKey, string UserId);

public sealed class IssueApiKeyPayloadType : ObjectGraphType<Payload<IssuedApiKey>>
{
    public IssueApiKeyPayloadType()
    {
        Name = "IssueApiKeyPayload";
        Field<IdGraphType>("keyId").Resolve(ctx => ctx.Source.Value?.KeyId);
        Field<StringGraphType>("apiKey")
            .Description("The new key. It is shown only here, once; the platform stores only its hash.")
            .Resolve(ctx => ctx.Source.Value?.ApiKey);
        Field<StringGraphType>("userId").Resolve(ctx => ctx.Source.Value?.UserId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("errors").Resolve(ctx => ctx.Source.Errors);
    }
}

public sealed class RevokeApiKeyPayloadType() : PayloadGraphType<UserType, UserView>("RevokeApiKeyPayload", "user");

public sealed class CreateSpaceInput
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
}

public sealed class CreateSpaceInputType : InputObjectGraphType<CreateSpaceInput>
{
    public CreateSpaceInputType()
    {
        Name = "CreateSpaceInput";
        Field(x => x.Name).Description("1 to 64 characters.");
        Field(x => x.Description, nullable: true).Description("At most 1000 characters.");
    }
}

public sealed class RenameSpaceInput
{
    public Guid SpaceId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public long? ExpectedVersion { get; set; }
}

public sealed class RenameSpaceInputType : InputObjectGraphType<RenameSpaceInput>
{
    public RenameSpaceInputType()
    {
        Name = "RenameSpaceInput";
        Field<NonNullGraphType<IdGraphType>>("spaceId");
        Field(x => x.Name);
        Field(x => x.Description, nullable: true);
        Field<LongGraphType>("expectedVersion").Description("The version you read; the change is rejected if the space moved on.");
    }
}

public sealed class AddMemberInput
{
    public Guid SpaceId { get; set; }
    public string UserId { get; set; } = "";
    public string? DisplayName { get; set; }
    public Role Role { get; set; }
}

public sealed class AddMemberInputType : InputObjectGraphType<AddMemberInput>
{
    public AddMemberInputType()
    {
        Name = "AddMemberInput";
        Description = "Adds a member, or changes the role of an existing one. Unknown user ids are registered.";
        Field<NonNullGraphType<IdGraphType>>("spaceId");
        Field(x => x.UserId).Description("Login id: 2 to 64 characters of a-z, 0-9, '.', '_' or '-'.");
        Field(x => x.DisplayName, nullable: true);
        Field<NonNullGraphType<RoleEnum>>("role");
    }
}

public sealed class RemoveMemberInput
{
    public Guid SpaceId { get; set; }
    public string UserId { get; set; } = "";
}

public sealed class RemoveMemberInputType : InputObjectGraphType<RemoveMemberInput>
{
    public RemoveMemberInputType()
    {
        Name = "RemoveMemberInput";
        Field<NonNullGraphType<IdGraphType>>("spaceId");
        Field(x => x.UserId);
    }
}

public sealed class IssueApiKeyInput
{
    public string UserId { get; set; } = "";
    public string? Label { get; set; }
}

public sealed class IssueApiKeyInputType : InputObjectGraphType<IssueApiKeyInput>
{
    public IssueApiKeyInputType()
    {
        Name = "IssueApiKeyInput";
        Field(x => x.UserId);
        Field(x => x.Label, nullable: true).Description("A note to recognise the key by, at most 64 characters.");
    }
}

public sealed class RevokeApiKeyInput
{
    public string UserId { get; set; } = "";
    public Guid KeyId { get; set; }
}

public sealed class RevokeApiKeyInputType : InputObjectGraphType<RevokeApiKeyInput>
{
    public RevokeApiKeyInputType()
    {
        Name = "RevokeApiKeyInput";
        Field(x => x.UserId);
        Field<NonNullGraphType<IdGraphType>>("keyId");
    }
}
