using PanguGraph.Tests.Importing;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed class AccessEdgeTests(PlatformHost platform)
{
    [Fact]
    public async Task private_dataset_history_stays_private()
    {
        var space = await platform.CreateSpaceAsync();
        var ownerId = PlatformHost.Unique("owner");
        var owner = await space.AddMemberAsync(ownerId, "DEVELOPER");
        var colleague = await space.AddMemberAsync(PlatformHost.Unique("dev"), "DEVELOPER");
        var auditor = await space.AddMemberAsync(PlatformHost.Unique("audit"), "AUDITOR");
        var bucket = await platform.CreateBucketWithAsync(("p/a.jsonl", LiveProgressTests.Lines(2)));
        var task = await platform.WaitForImportAsync(owner, await space.StartImportAsync(owner, new { bucket, prefix = "p/" }));
        var datasetId = task.GetProperty("datasetId").GetString();
        var edited = await platform.GraphQL(owner, """
            mutation($input: UpdateDatasetInput!) { updateDataset(input: $input) { errors { code } } }
            """, new { input = new { datasetId, name = "secret", visibility = "PRIVATE" } });
        edited.Data("updateDataset").GetProperty("errors").GetArrayLength().ShouldBe(0, edited.Raw);

        foreach (var outsider in new[] { colleague, auditor })
        {
            var history = await platform.GraphQL(outsider, "query($id: ID!) { history(assetId: $id) { totalCount } }", new { id = datasetId });
            history.FirstErrorCode.ShouldBe("NOT_FOUND", history.Raw);
            var asOf = await platform.GraphQL(outsider, "query($id: ID!) { datasetAsOf(id: $id, version: 1) { name } }", new { id = datasetId });
            asOf.FirstErrorCode.ShouldBe("NOT_FOUND", asOf.Raw);
        }

        var own = await platform.GraphQL(owner, "query($id: ID!) { history(assetId: $id) { totalCount } }", new { id = datasetId });
        own.Data("history").GetProperty("totalCount").GetInt32().ShouldBe(2);
        var admin = await platform.GraphQL(space.AdminKey, "query($id: ID!) { datasetAsOf(id: $id, version: 2) { name } }", new { id = datasetId });
        admin.Data("datasetAsOf").GetProperty("name").GetString().ShouldBe("secret");
    }

    [Theory]
    [InlineData("query { dataset(id: \"123\") { name } }")]
    [InlineData("query { importTask(id: \"not-a-guid\") { status } }")]
    [InlineData("query { history(assetId: \"zzz\") { totalCount } }")]
    public async Task malformed_id_is_invalid_argument(string query)
    {
        var space = await platform.CreateSpaceAsync();

        var english = await platform.GraphQL(space.AdminKey, query);
        var chinese = await platform.GraphQL(space.AdminKey, query, language: "zh-CN");

        english.FirstErrorCode.ShouldBe("INVALID", english.Raw);
        english.Errors[0].GetProperty("message").GetString()!.ShouldContain("UUID");
        chinese.Errors[0].GetProperty("message").GetString()!.ShouldContain("参数值无效");
    }

    [Fact]
    public async Task last_admin_cannot_demote_self()
    {
        var space = await platform.CreateSpaceAsync();
        var soleAdmin = PlatformHost.Unique("solo");
        var key = await space.AddMemberAsync(soleAdmin, "ADMIN");
        // The platform admin created the space and the fixture added a second admin; remove both so
        // that the new member is the only admin left.
        foreach (var userId in new[] { "admin", space.AdminUserId })
        {
            var removed = await platform.GraphQL(PlatformHost.AdminKey, """
                mutation($input: RemoveMemberInput!) { removeMember(input: $input) { errors { code } } }
                """, new { input = new { spaceId = space.Id, userId } });
            removed.Data("removeMember").GetProperty("errors").GetArrayLength().ShouldBe(0, removed.Raw);
        }

        var demoted = await platform.GraphQL(key, """
            mutation($input: AddMemberInput!) { addMember(input: $input) { errors { code message } } }
            """, new { input = new { spaceId = space.Id, userId = soleAdmin, role = "AUDITOR" } });

        demoted.Data("addMember").GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("LAST_ADMIN");
        var members = (await platform.GraphQL(key, "query($id: ID!) { space(id: $id) { members { userId role } } }", new { id = space.Id })).Data("space").GetProperty("members");
        members.EnumerateArray().Single(m => m.GetProperty("userId").GetString() == soleAdmin).GetProperty("role").GetString().ShouldBe("ADMIN");
    }

    [Fact]
    public async Task edit_without_extended_info_keeps_it()
    {
        var space = await platform.CreateSpaceAsync();
        var bucket = await platform.CreateBucketWithAsync(("k/a.jsonl", LiveProgressTests.Lines(1)));
        var created = await space.CreateImportAsync(space.AdminKey, new { bucket, prefix = "k/" },
            extendedInfo: new { language = "zh", copyright = new { license = "MIT" } });
        var taskId = created.Data("createImportTask").GetProperty("importTask").GetProperty("id").GetString()!;
        var datasetId = (await platform.WaitForImportAsync(space.AdminKey, taskId)).GetProperty("datasetId").GetString();

        var edited = await platform.GraphQL(space.AdminKey, """
            mutation($input: UpdateDatasetInput!) { updateDataset(input: $input) {
              dataset { name extendedInfo { language copyright { license } } } errors { code } } }
            """, new { input = new { datasetId, name = "renamed", visibility = "SPACE" } });

        var dataset = edited.Data("updateDataset").GetProperty("dataset");
        dataset.GetProperty("name").GetString().ShouldBe("renamed");
        dataset.GetProperty("extendedInfo").GetProperty("language").GetString().ShouldBe("zh");
        dataset.GetProperty("extendedInfo").GetProperty("copyright").GetProperty("license").GetString().ShouldBe("MIT");
    }

    [Fact]
    public async Task key_without_scheme_is_not_echoed()
    {
        using var client = platform.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ me { userId } }"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", PlatformHost.AdminKey);

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        body.ShouldContain("UNAUTHENTICATED");
        body.ShouldNotContain(PlatformHost.AdminKey[3..]);
    }
}
