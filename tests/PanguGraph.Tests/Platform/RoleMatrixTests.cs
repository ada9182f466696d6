using System.Text.Json;
using PanguGraph.Domain.Spaces;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Platform;

/// <summary>
/// Every space role against every guarded action, through GraphQL. The expected outcome comes
/// from RolePermissions, so these tests check that each operation requires the right permission.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RoleMatrixTests(PlatformHost platform)
{
    public static TheoryData<string, Role> Roles => new()
    {
        { "ADMIN", Role.Admin },
        { "ANNOTATION_ADMIN", Role.AnnotationAdmin },
        { "ANNOTATOR", Role.Annotator },
        { "REVIEWER", Role.Reviewer },
        { "DEVELOPER", Role.Developer },
        { "AUDITOR", Role.Auditor },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task role_gets_its_permissions(string roleName, Role role)
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("r/a.jsonl", "{\"text\":\"hello\"}\n"));
        var imported = await platform.WaitForImportAsync(space.AdminKey, await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "r/" }, name: "original"));
        var datasetId = imported.GetProperty("datasetId").GetString()!;
        var key = await space.AddMemberAsync(PlatformHost.Unique(roleName.ToLowerInvariant().Replace('_', '-')), roleName);
        var readsHistory = role.Allows(Permission.ReadHistory);
        var managesDatasets = role.Allows(Permission.ManageDatasets);
        var managesMembers = role.Allows(Permission.ManageMembers);

        var datasets = await platform.GraphQL(key, "query($s: ID!) { datasets(spaceId: $s) { totalCount } }", new { s = space.Id });
        datasets.Data("datasets").GetProperty("totalCount").GetInt32().ShouldBe(1, datasets.Raw);
        role.Allows(Permission.ReadSpace).ShouldBeTrue();

        var history = await platform.GraphQL(key, "query($id: ID!) { history(assetId: $id) { totalCount } }", new { id = datasetId });
        ExpectQuery(history, readsHistory, () => history.Data("history").GetProperty("totalCount").GetInt32().ShouldBe(1));

        var asOf = await platform.GraphQL(key, "query($id: ID!) { datasetAsOf(id: $id, version: 1) { name } }", new { id = datasetId });
        ExpectQuery(asOf, readsHistory, () => asOf.Data("datasetAsOf").GetProperty("name").GetString().ShouldBe("original"));

        var edit = await platform.GraphQL(key, """
            mutation($input: UpdateDatasetInput!) { updateDataset(input: $input) { dataset { name } errors { code message field } } }
            """, new { input = new { datasetId, name = "edited", visibility = "SPACE", expectedVersion = 1 } });
        ExpectMutation(edit, "updateDataset", "dataset", managesDatasets);
        (await DatasetNameAsync(space, datasetId)).ShouldBe(managesDatasets ? "edited" : "original");

        var import = await space.CreateImportAsync(key, new { bucket, prefix = "r/" }, name: "by member");
        ExpectMutation(import, "createImportTask", "importTask", managesDatasets);
        (await TaskCountAsync(space)).ShouldBe(managesDatasets ? 2 : 1);

        var newcomer = PlatformHost.Unique("newcomer");
        var added = await platform.GraphQL(key, """
            mutation($input: AddMemberInput!) { addMember(input: $input) { space { id } errors { code message field } } }
            """, new { input = new { spaceId = space.Id, userId = newcomer, role = "ANNOTATOR" } });
        ExpectMutation(added, "addMember", "space", managesMembers);
        (await MemberIdsAsync(space)).Contains(newcomer).ShouldBe(managesMembers);

        var deleted = await platform.GraphQL(key, """
            mutation($input: DeleteDatasetInput!) { deleteDataset(input: $input) { dataset { status } errors { code message field } } }
            """, new { input = new { datasetId } });
        ExpectMutation(deleted, "deleteDataset", "dataset", managesDatasets);
        var status = (await platform.GraphQL(space.AdminKey, "query($id: ID!) { dataset(id: $id) { status } }", new { id = datasetId })).Data("dataset");
        status.GetProperty("status").GetString().ShouldBe(managesDatasets ? "DELETED" : "AVAILABLE");
    }

    [Fact]
    public async Task auditor_reads_but_cannot_change()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("a/a.jsonl", "{\"text\":\"hello\"}\n"));
        var imported = await platform.WaitForImportAsync(space.AdminKey, await space.StartImportAsync(space.AdminKey, new { bucket, prefix = "a/" }, name: "original"));
        var datasetId = imported.GetProperty("datasetId").GetString()!;
        await platform.GraphQL(space.AdminKey, """
            mutation($input: UpdateDatasetInput!) { updateDataset(input: $input) { errors { code } } }
            """, new { input = new { datasetId, name = "renamed", visibility = "SPACE" } });
        var auditor = await space.AddMemberAsync(PlatformHost.Unique("auditor"), "AUDITOR");

        var history = (await platform.GraphQL(auditor, "query($id: ID!) { history(assetId: $id) { edges { node { eventType actor } } } }", new { id = datasetId })).Data("history");
        var asOf = (await platform.GraphQL(auditor, "query($id: ID!) { datasetAsOf(id: $id, version: 1) { name } }", new { id = datasetId })).Data("datasetAsOf");
        var renamed = await platform.GraphQL(auditor, """
            mutation($input: RenameSpaceInput!) { renameSpace(input: $input) { space { name } errors { code message field } } }
            """, new { input = new { spaceId = space.Id, name = "audited" } }, ErrorChecks.Chinese);
        var edited = await platform.GraphQL(auditor, """
            mutation($input: UpdateDatasetInput!) { updateDataset(input: $input) { dataset { name } errors { code message field } } }
            """, new { input = new { datasetId, name = "audited", visibility = "SPACE" } });

        history.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("node").GetProperty("eventType").GetString())
            .ShouldBe(["dataset_imported", "dataset_details_edited"]);
        asOf.GetProperty("name").GetString().ShouldBe("original");
        renamed.ShouldRejectWith("renameSpace", "space", "FORBIDDEN").MessageOf().ShouldBeChinese();
        edited.ShouldRejectWith("updateDataset", "dataset", "FORBIDDEN").MessageOf().ShouldBeEnglish();
        (await DatasetNameAsync(space, datasetId)).ShouldBe("renamed");
    }

    [Fact]
    public async Task only_admins_issue_keys_for_others()
    {
        var space = await platform.CreateSpaceAsync();
        var developerId = PlatformHost.Unique("developer");
        var developer = await space.AddMemberAsync(developerId, "DEVELOPER");
        var otherId = PlatformHost.Unique("reviewer");
        await space.AddMemberAsync(otherId, "REVIEWER");
        const string issue = """
            mutation($input: IssueApiKeyInput!) { issueApiKey(input: $input) { apiKey keyId errors { code message field } } }
            """;

        var forOther = await platform.GraphQL(developer, issue, new { input = new { userId = otherId, label = "not mine" } });
        var forOtherZh = await platform.GraphQL(developer, issue, new { input = new { userId = otherId } }, ErrorChecks.Chinese);
        var forSelf = await platform.GraphQL(developer, issue, new { input = new { userId = developerId, label = "mine" } });
        var byAdmin = await platform.GraphQL(space.AdminKey, issue, new { input = new { userId = otherId, label = "from admin" } });

        forOther.ShouldRejectWith("issueApiKey", "apiKey", "FORBIDDEN").MessageOf().ShouldBeEnglish();
        forOtherZh.ShouldRejectWith("issueApiKey", "apiKey", "FORBIDDEN").MessageOf().ShouldBeChinese();
        forSelf.ShouldAccept("issueApiKey").GetProperty("apiKey").GetString().ShouldStartWith("pg_");
        var adminKey = byAdmin.ShouldAccept("issueApiKey").GetProperty("apiKey").GetString();
        (await platform.GraphQL(adminKey, "query { me { userId apiKeys { label } } }")).Data("me").GetProperty("apiKeys")
            .EnumerateArray().Select(k => k.GetProperty("label").GetString()).ShouldBe(["test", "from admin"], ignoreOrder: true);
    }

    [Fact]
    public async Task last_admin_cannot_be_removed()
    {
        var space = await platform.CreateSpaceAsync();
        var bootstrapUser = (await platform.GraphQL(PlatformHost.AdminKey, "query { me { userId } }")).Data("me").GetProperty("userId").GetString()!;
        var admins = await AdminIdsAsync(space);
        var remainingAdmin = admins.Single(a => a != bootstrapUser);
        const string remove = """
            mutation($input: RemoveMemberInput!) { removeMember(input: $input) { space { id } errors { code message field } } }
            """;

        var first = await platform.GraphQL(space.AdminKey, remove, new { input = new { spaceId = space.Id, userId = bootstrapUser } });
        var last = await platform.GraphQL(space.AdminKey, remove, new { input = new { spaceId = space.Id, userId = remainingAdmin } });
        var lastZh = await platform.GraphQL(space.AdminKey, remove, new { input = new { spaceId = space.Id, userId = remainingAdmin } }, ErrorChecks.Chinese);

        first.ShouldAccept("removeMember");
        var message = last.ShouldRejectWith("removeMember", "space", "LAST_ADMIN", "userId").MessageOf();
        message.ShouldBeEnglish();
        message.ShouldContain(remainingAdmin);
        lastZh.ShouldRejectWith("removeMember", "space", "LAST_ADMIN", "userId").MessageOf().ShouldBeChinese();
        (await AdminIdsAsync(space)).ShouldBe([remainingAdmin]);
    }

    [Fact]
    public async Task super_admin_role_not_grantable()
    {
        var space = await platform.CreateSpaceAsync();
        var userId = PlatformHost.Unique("climber");
        const string add = """
            mutation($input: AddMemberInput!) { addMember(input: $input) { space { id } errors { code message field } } }
            """;

        var english = await platform.GraphQL(space.AdminKey, add, new { input = new { spaceId = space.Id, userId, role = "SUPER_ADMIN" } });
        var chinese = await platform.GraphQL(PlatformHost.AdminKey, add, new { input = new { spaceId = space.Id, userId, role = "SUPER_ADMIN" } }, ErrorChecks.Chinese);

        english.ShouldRejectWith("addMember", "space", "INVALID_ROLE", "role").MessageOf().ShouldBeEnglish();
        chinese.ShouldRejectWith("addMember", "space", "INVALID_ROLE", "role").MessageOf().ShouldBeChinese();
        (await MemberIdsAsync(space)).ShouldNotContain(userId);
    }

    private static void ExpectQuery(GraphQLResponse response, bool allowed, Action checkData)
    {
        if (allowed)
        {
            response.Errors.ShouldBeEmpty(response.Raw);
            checkData();
        }
        else
        {
            response.ShouldFailWith("FORBIDDEN").ShouldBeEnglish();
        }
    }

    private static void ExpectMutation(GraphQLResponse response, string mutation, string objectField, bool allowed)
    {
        if (allowed)
        {
            response.ShouldAccept(mutation).GetProperty(objectField).ValueKind.ShouldBe(JsonValueKind.Object, response.Raw);
        }
        else
        {
            response.ShouldRejectWith(mutation, objectField, "FORBIDDEN").MessageOf().ShouldBeEnglish();
        }
    }

    private async Task<string?> DatasetNameAsync(TestSpace space, string datasetId) =>
        (await platform.GraphQL(space.AdminKey, "query($id: ID!) { dataset(id: $id) { name } }", new { id = datasetId }))
        .Data("dataset").GetProperty("name").GetString();

    private async Task<int> TaskCountAsync(TestSpace space) =>
        (await platform.GraphQL(space.AdminKey, "query($s: ID!) { importTasks(spaceId: $s) { totalCount } }", new { s = space.Id }))
        .Data("importTasks").GetProperty("totalCount").GetInt32();

    private async Task<List<JsonElement>> MembersAsync(TestSpace space) =>
        (await platform.GraphQL(PlatformHost.AdminKey, "query($id: ID!) { space(id: $id) { members { userId role } } }", new { id = space.Id }))
        .Data("space").GetProperty("members").EnumerateArray().ToList();

    private async Task<List<string>> MemberIdsAsync(TestSpace space) =>
        (await MembersAsync(space)).Select(m => m.GetProperty("userId").GetString()!).ToList();

    private async Task<List<string>> AdminIdsAsync(TestSpace space) =>
        (await MembersAsync(space)).Where(m => m.GetProperty("role").GetString() == "ADMIN").Select(m => m.GetProperty("userId").GetString()!).ToList();
}
