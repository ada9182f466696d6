namespace PanguGraph.Domain.Processing.Resources;

/// <summary>
/// The resource rules of a processing task: every value is a positive whole number,
/// numExecutors × executorMemory lies within [4, 16] GB, and executorCores : executorMemory and
/// driverCores : driverMemory each lie between 1:2 and 1:4 (2 to 4 GB per core).
/// </summary>
public static class ResourceSettingsValidation
{
    public static IReadOnlyList<ResourceSettingsError> Validate(ResourceSettings settings)
    {
        var errors = new List<ResourceSettingsError>();
        CheckPositive(errors, "numExecutors", settings.NumExecutors);
        CheckPositive(errors, "executorCores", settings.ExecutorCores);
        CheckPositive(errors, "executorMemory", settings.ExecutorMemory);
        CheckPositive(errors, "driverCores", settings.DriverCores);
        CheckPositive(errors, "driverMemory", settings.DriverMemory);

        if (settings.NumExecutors > 0 && settings.ExecutorMemory > 0)
        {
            CheckTotalExecutorMemory(errors, settings);
        }

        if (settings.ExecutorCores > 0 && settings.ExecutorMemory > 0)
        {
            CheckRatio(errors, "executorCores", settings.ExecutorCores, "executorMemory", settings.ExecutorMemory);
        }

        if (settings.DriverCores > 0 && settings.DriverMemory > 0)
        {
            CheckRatio(errors, "driverCores", settings.DriverCores, "driverMemory", settings.DriverMemory);
        }

        CheckCustom(errors, settings.Custom);
        return errors;
    }

    private static void CheckPositive(List<ResourceSettingsError> errors, string field, int value)
    {
        if (value > 0)
        {
            return;
        }

        errors.Add(new ResourceSettingsError(
            ResourceSettingsErrorCode.ResourceValueInvalid, field, ">= 1",
            new LocalizedText(
                $"Setting '{field}' must be a whole number of at least 1, but is {value}.",
                $"参数“{field}”必须是不小于 1 的整数，当前为 {value}。")));
    }

    private static void CheckTotalExecutorMemory(List<ResourceSettingsError> errors, ResourceSettings settings)
    {
        var total = (long)settings.NumExecutors * settings.ExecutorMemory;
        if (total is >= ResourceSettings.MinTotalExecutorMemory and <= ResourceSettings.MaxTotalExecutorMemory)
        {
            return;
        }

        var range = $"[{ResourceSettings.MinTotalExecutorMemory}, {ResourceSettings.MaxTotalExecutorMemory}]";
        errors.Add(new ResourceSettingsError(
            ResourceSettingsErrorCode.ResourceTotalMemoryOutOfRange, "numExecutors", range,
            new LocalizedText(
                $"numExecutors × executorMemory is {settings.NumExecutors} × {settings.ExecutorMemory} = {total} GB, outside the allowed range {range} GB. Change the number of executors or their memory.",
                $"numExecutors × executorMemory 为 {settings.NumExecutors} × {settings.ExecutorMemory} = {total} GB，超出允许范围 {range} GB，请调整 Executor 数量或内存。")));
    }

    private static void CheckRatio(List<ResourceSettingsError> errors, string coresField, int cores, string memoryField, int memory)
    {
        // 1:2 to 1:4 means each core gets between 2 and 4 GB, compared in integers to stay exact.
        if (memory >= 2L * cores && memory <= 4L * cores)
        {
            return;
        }

        errors.Add(new ResourceSettingsError(
            ResourceSettingsErrorCode.ResourceCoreMemoryRatioInvalid, memoryField, $"[{2L * cores}, {4L * cores}]",
            new LocalizedText(
                $"{coresField} : {memoryField} is {cores}:{memory}, but it must lie between 1:2 and 1:4. With {cores} cores, set {memoryField} between {2L * cores} and {4L * cores} GB.",
                $"{coresField} 与 {memoryField} 的比例为 {cores}:{memory}，应在 1:2 到 1:4 之间。{cores} 个内核时，请把 {memoryField} 设为 {2L * cores} 到 {4L * cores} GB。")));
    }

    private static void CheckCustom(List<ResourceSettingsError> errors, IReadOnlyDictionary<string, string>? custom)
    {
        if (custom is null)
        {
            return;
        }

        foreach (var (key, value) in custom.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                errors.Add(CustomError("custom", "A custom setting has an empty key. Give every custom setting a name.", "存在键为空的自定义参数，请为每个自定义参数填写名称。"));
            }
            else if (ResourceSettings.BuiltInKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(CustomError($"custom.{key}",
                    $"Custom setting '{key}' repeats a built-in setting. Set it in its own field instead.",
                    $"自定义参数“{key}”与内置参数重名，请直接在对应字段中设置。"));
            }
            else if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(CustomError($"custom.{key}",
                    $"Custom setting '{key}' has an empty value. Give it a value or remove it.",
                    $"自定义参数“{key}”的值为空，请填写值或删除该参数。"));
            }
        }
    }

    private static ResourceSettingsError CustomError(string field, string english, string chinese) =>
        new(ResourceSettingsErrorCode.ResourceCustomSettingInvalid, field, null, new LocalizedText(english, chinese));
}
