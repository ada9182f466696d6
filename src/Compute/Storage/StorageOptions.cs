namespace PanguGraph.Compute.Storage;

/// <summary>
/// Connection and upload settings for the S3-compatible object store, bound from the
/// <c>Storage</c> configuration section.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Smallest part that S3 accepts for every part of a multipart upload except the last.</summary>
    public const long MinMultipartPartSize = 5L * 1024 * 1024;

    /// <summary>
    /// Largest part size accepted here. S3 allows 5 GiB parts, but an upload keeps one whole
    /// part in a byte array, so the limit stays well below the array size limit.
    /// </summary>
    public const long MaxMultipartPartSize = 1024L * 1024 * 1024;

    /// <summary>Endpoint URL such as http://127.0.0.1:9000; null selects the AWS endpoint of <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Access key id; null uses the SDK's default credential chain.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    public string Region { get; set; } = "us-east-1";

    /// <summary>Addresses buckets as a path (host/bucket/key) instead of a host name (bucket.host/key).</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Bucket for files the platform itself owns (dataset versions, model artifacts).</summary>
    public string PlatformBucket { get; set; } = "pangu-platform";

    /// <summary>
    /// Sends every request body unchunked with checksums only where the S3 API requires them.
    /// s3rver and several S3-compatible stores store the aws-chunked framing (chunk signatures
    /// and trailing checksums) as part of the object, so keep this on unless the store is AWS S3.
    /// </summary>
    public bool DisableChunkedEncoding { get; set; } = true;

    /// <summary>Part size in bytes for multipart uploads; bodies smaller than one part go up in a single PUT.</summary>
    public long MultipartPartSize { get; set; } = 8L * 1024 * 1024;

    /// <summary>Keys requested per list page (S3 returns at most 1000).</summary>
    public int ListPageSize { get; set; } = 1000;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (ServiceUrl is not null && !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException(
                $"Storage:ServiceUrl '{ServiceUrl}' is not an absolute URL. Set it to the S3 endpoint, for example http://127.0.0.1:9000.");
        }

        if ((AccessKey is null) != (SecretKey is null))
        {
            throw new InvalidOperationException(
                "Storage:AccessKey and Storage:SecretKey must be set together. Set both, or neither to use the default AWS credential chain.");
        }

        if (string.IsNullOrWhiteSpace(Region))
        {
            throw new InvalidOperationException("Storage:Region is empty. Set it to the signing region, for example us-east-1.");
        }

        if (string.IsNullOrWhiteSpace(PlatformBucket))
        {
            throw new InvalidOperationException("Storage:PlatformBucket is empty. Set it to the bucket for platform files, for example pangu-platform.");
        }

        if (MultipartPartSize < MinMultipartPartSize || MultipartPartSize > MaxMultipartPartSize)
        {
            throw new InvalidOperationException(
                $"Storage:MultipartPartSize {MultipartPartSize} is out of range. Set it between {MinMultipartPartSize} and {MaxMultipartPartSize} bytes.");
        }

        if (ListPageSize is < 1 or > 1000)
        {
            throw new InvalidOperationException(
                $"Storage:ListPageSize {ListPageSize} is out of range. Set it between 1 and 1000.");
        }
    }
}
