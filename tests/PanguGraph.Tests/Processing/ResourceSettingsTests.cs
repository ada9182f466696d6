using PanguGraph.Domain.Processing.Resources;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Processing;

public class ResourceSettingsTests
{
    [Fact]
    public void defaults_are_valid()
    {
        var defaults = ResourceSettings.Default;

        (defaults.NumExecutors, defaults.ExecutorCores, defaults.ExecutorMemory, defaults.DriverCores, defaults.DriverMemory).ShouldBe((2, 2, 4, 2, 4));
        ResourceSettingsValidation.Validate(defaults).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(4, 4)]
    [InlineData(2, 2)]
    public void total_memory_bounds_are_inclusive(int executors, int memory)
    {
        var settings = new ResourceSettings(NumExecutors: executors, ExecutorCores: 1, ExecutorMemory: memory);

        ResourceSettingsValidation.Validate(settings).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(1, 2, 2)]
    [InlineData(5, 4, 20)]
    public void total_memory_outside_range(int executors, int memory, int total)
    {
        var settings = new ResourceSettings(NumExecutors: executors, ExecutorCores: 1, ExecutorMemory: memory);

        var error = ResourceSettingsValidation.Validate(settings).Single();
        error.CodeName.ShouldBe("RESOURCE_TOTAL_MEMORY_OUT_OF_RANGE");
        error.Field.ShouldBe("numExecutors");
        error.AllowedRange.ShouldBe("[4, 16]");
        error.Message.En.ShouldContain($"= {total} GB");
        error.Message.ZhCn.ShouldContain($"{total} GB");
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(1, 5)]
    public void executor_ratio_outside_range(int cores, int memory)
    {
        var settings = new ResourceSettings(NumExecutors: 2, ExecutorCores: cores, ExecutorMemory: memory);

        var error = ResourceSettingsValidation.Validate(settings).Single();
        error.CodeName.ShouldBe("RESOURCE_CORE_MEMORY_RATIO_INVALID");
        error.Field.ShouldBe("executorMemory");
        error.AllowedRange.ShouldBe($"[{2 * cores}, {4 * cores}]");
    }

    [Theory]
    [InlineData(2, 3)]
    [InlineData(2, 9)]
    public void driver_ratio_outside_range(int cores, int memory)
    {
        var settings = new ResourceSettings(DriverCores: cores, DriverMemory: memory);

        var error = ResourceSettingsValidation.Validate(settings).Single();
        error.CodeName.ShouldBe("RESOURCE_CORE_MEMORY_RATIO_INVALID");
        error.Field.ShouldBe("driverMemory");
        error.Message.En.ShouldContain("1:2 and 1:4");
        error.Message.ZhCn.ShouldContain("1:2 到 1:4");
    }

    [Fact]
    public void ratio_bounds_are_inclusive()
    {
        ResourceSettingsValidation.Validate(new ResourceSettings(NumExecutors: 2, ExecutorCores: 1, ExecutorMemory: 4, DriverCores: 1, DriverMemory: 2)).ShouldBeEmpty();
    }

    [Fact]
    public void non_positive_values_rejected()
    {
        var errors = ResourceSettingsValidation.Validate(new ResourceSettings(NumExecutors: 0, ExecutorCores: -1, DriverMemory: 0));

        errors.Where(error => error.CodeName == "RESOURCE_VALUE_INVALID").Select(error => error.Field)
            .ShouldBe(["numExecutors", "executorCores", "driverMemory"], ignoreOrder: true);
    }

    [Fact]
    public void custom_settings_checked()
    {
        var custom = new Dictionary<string, string>
        {
            ["spark.sql.shuffle.partitions"] = "64",
            ["executorMemory"] = "8",
            ["spark.network.timeout"] = " ",
            [""] = "x",
        };

        var errors = ResourceSettingsValidation.Validate(new ResourceSettings(Custom: custom));

        errors.ShouldAllBe(error => error.CodeName == "RESOURCE_CUSTOM_SETTING_INVALID");
        errors.Select(error => error.Field).ShouldBe(["custom", "custom.executorMemory", "custom.spark.network.timeout"], ignoreOrder: true);
    }
}
