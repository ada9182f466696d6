using Amazon.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PanguGraph.Compute.Storage;

namespace PanguGraph.Tests.Storage;

/// <summary>
/// Storage client for tests against the S3 server that the test run started. The endpoint comes from
/// the Storage__ServiceUrl environment variable (default: the test profile's s3rver on port 54579).
/// </summary>
public sealed class S3TestStore : IDisposable
{
    public const string DefaultServiceUrl = "http://127.0.0.1:54579";

    public S3TestStore(Action<StorageOptions>? configure = null)
    {
        Options = new StorageOptions
        {
            ServiceUrl = Environment.GetEnvironmentVariable("Storage__ServiceUrl") ?? DefaultServiceUrl,
            AccessKey = Environment.GetEnvironmentVariable("Storage__AccessKey") ?? "S3RVER",
            SecretKey = Environment.GetEnvironmentVariable("Storage__SecretKey") ?? "S3RVER",
        };
        configure?.Invoke(Options);

        Client = StorageServiceCollectionExtensions.CreateClient(Options);
        (var recordingClient, Recorder) = RecordingS3Proxy.Wrap(Client);
        Storage = new S3ObjectStorage(recordingClient, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<S3ObjectStorage>.Instance);
    }

    public StorageOptions Options { get; }

    public IAmazonS3 Client { get; }

    public IObjectStorage Storage { get; }

    /// <summary>Names of the <see cref="IAmazonS3"/> methods that <see cref="Storage"/> called.</summary>
    public RecordingS3Proxy Recorder { get; }

    /// <summary>Returns a bucket name that no other test uses (S3 names: lower case, at most 63 characters).</summary>
    public static string UniqueBucketName(string purpose)
    {
        var name = $"t-{purpose}-{Guid.NewGuid():N}";
        return name.Length <= 63 ? name : name[..63];
    }

    public void Dispose() => Client.Dispose();
}
