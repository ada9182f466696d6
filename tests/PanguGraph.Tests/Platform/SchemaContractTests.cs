using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Platform;

[Collection(PlatformCollection.Name)]
public sealed class SchemaContractTests(PlatformHost platform)
{
    /// <summary>
    /// schema.graphql is the API contract that frontend teams read. It must be the printed running
    /// schema; run the tests once with UPDATE_SCHEMA=1 to rewrite it after an intended change.
    /// </summary>
    [Fact]
    public void schema_file_matches_running_schema()
    {
        var schema = platform.Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();
        var printed = schema.Print().ReplaceLineEndings("\n").TrimEnd() + "\n";
        var path = Path.Combine(RepositoryRoot(), "schema.graphql");

        if (Environment.GetEnvironmentVariable("UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(path, printed);
        }

        File.Exists(path).ShouldBeTrue($"{path} is missing; run the tests with UPDATE_SCHEMA=1 to create it.");
        File.ReadAllText(path).ReplaceLineEndings("\n").ShouldBe(printed, "schema.graphql differs from the running schema; run the tests with UPDATE_SCHEMA=1 and review the diff.");
    }

    [Fact]
    public void schema_has_core_operations()
    {
        var schema = platform.Host.Services.GetRequiredService<ISchema>();
        schema.Initialize();

        schema.Query.Fields.Select(f => f.Name).ShouldContain("history");
        schema.Mutation!.Fields.Select(f => f.Name).ShouldContain("createImportTask");
        schema.Subscription!.Fields.Select(f => f.Name).ShouldContain("importTaskProgress");
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PanguGraph.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No PanguGraph.sln above {AppContext.BaseDirectory}");
    }
}
