namespace PanguGraph.Domain.Processing.Resources;

public enum ResourceSettingsErrorCode
{
    /// <summary>A count, core number or memory size is not a positive whole number.</summary>
    ResourceValueInvalid,

    /// <summary>numExecutors × executorMemory lies outside [4, 16] GB.</summary>
    ResourceTotalMemoryOutOfRange,

    /// <summary>Cores to memory (GB) is not between 1:2 and 1:4.</summary>
    ResourceCoreMemoryRatioInvalid,

    /// <summary>A custom setting has an empty key or value or repeats a built-in setting.</summary>
    ResourceCustomSettingInvalid,
}

/// <summary>A rejected resource setting. <see cref="Field"/> is the setting's name, such as <c>executorMemory</c>, or <c>custom.KEY</c>.</summary>
public sealed record ResourceSettingsError(
    ResourceSettingsErrorCode Code,
    string Field,
    string? AllowedRange,
    LocalizedText Message)
{
    public string CodeName => Code switch
    {
        ResourceSettingsErrorCode.ResourceValueInvalid => "RESOURCE_VALUE_INVALID",
        ResourceSettingsErrorCode.ResourceTotalMemoryOutOfRange => "RESOURCE_TOTAL_MEMORY_OUT_OF_RANGE",
        ResourceSettingsErrorCode.ResourceCoreMemoryRatioInvalid => "RESOURCE_CORE_MEMORY_RATIO_INVALID",
        ResourceSettingsErrorCode.ResourceCustomSettingInvalid => "RESOURCE_CUSTOM_SETTING_INVALID",
        _ => throw new ArgumentOutOfRangeException(nameof(Code), Code, "Unmapped resource error code."),
    };
}
