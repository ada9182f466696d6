using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PanguGraph.Compute.Annotation;

public static class AnnotationServices
{
    /// <summary>
    /// Registers the services of the annotation capability; HostSetup calls this with one line.
    /// </summary>
    public static IServiceCollection AddAnnotation(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PreAnnotationOptions>(configuration.GetSection(PreAnnotationOptions.SectionName));
        services.AddSingleton<DatasetRecordSource>();
        return services;
    }
}
