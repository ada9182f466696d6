namespace PanguGraph.Domain.Processing;

/// <summary>A user-facing text in English and simplified Chinese (zh-CN).</summary>
public sealed record LocalizedText(string En, string ZhCn)
{
    public string For(string? language) =>
        language is not null && language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? ZhCn : En;
}
