using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PanguGraph.Compute.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IObjectStorage"/> and a singleton <see cref="IAmazonS3"/> configured from the
    /// <c>Storage</c> section. Invalid settings throw when the client is first resolved.
    /// </summary>
    public static IServiceCollection AddPanguStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .Validate(
                storage =>
                {
                    storage.Validate();
                    return true;
                });

        services.TryAddSingleton<IAmazonS3>(provider => CreateClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<IObjectStorage, S3ObjectStorage>();
        return services;
    }

    /// <summary>Builds an S3 client for the given settings; the caller owns and disposes it.</summary>
    public static IAmazonS3 CreateClient(StorageOptions storage)
    {
        storage.Validate();

        var config = new AmazonS3Config
        {
            ForcePathStyle = storage.ForcePathStyle,
            AuthenticationRegion = storage.Region,
        };

        if (storage.ServiceUrl is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(storage.Region);
        }
        else
        {
            config.ServiceURL = storage.ServiceUrl;
        }

        var credentials = storage.AccessKey is null
            ? null
            : new BasicAWSCredentials(storage.AccessKey, storage.SecretKey);

        if (!storage.DisableChunkedEncoding)
        {
            return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
        }

        // Checksums go out only where the S3 API requires them, so no request asks for trailing
        // checksums, which would need an aws-chunked body.
        config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
        config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        return credentials is null ? new UnchunkedS3Client(config) : new UnchunkedS3Client(credentials, config);
    }
}
