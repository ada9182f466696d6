namespace PanguGraph.Compute.Annotation;

/// <summary>
/// AI pre-annotation settings, bound from the configuration section "Annotation:PreAnnotation".
/// </summary>
public sealed class PreAnnotationOptions
{
    public const string SectionName = "Annotation:PreAnnotation";

    /// <summary>Time allowed for one model call before the item is marked failed. Default 60 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest image sent to the model inline, in bytes. Default 5 MiB.</summary>
    public long MaxImageBytes { get; set; } = 5 * 1024 * 1024;
}
