namespace PanguGraph.Compute.Storage;

/// <summary>An object in a bucket: its key, size in bytes and entity tag as the store returned it.</summary>
public sealed record StoredObject(string Key, long Size, string? ETag);

/// <summary>
/// Streaming access to an S3-compatible object store. Operations on a bucket that does not exist
/// throw <see cref="StorageBucketNotFoundException"/>.
/// </summary>
public interface IObjectStorage
{
    Task<bool> BucketExistsAsync(string bucket, CancellationToken ct);

    /// <summary>Creates the bucket unless it already exists.</summary>
    Task EnsureBucketAsync(string bucket, CancellationToken ct);

    /// <summary>Lists the objects whose key starts with <paramref name="prefix"/> in key order, one page per request.</summary>
    IAsyncEnumerable<StoredObject> ListAsync(string bucket, string prefix, CancellationToken ct);

    /// <summary>Returns the object's metadata, or null when the key does not exist.</summary>
    Task<StoredObject?> HeadAsync(string bucket, string key, CancellationToken ct);

    /// <summary>
    /// Opens the object's content as a forward-only stream that the caller disposes.
    /// Throws <see cref="StorageObjectNotFoundException"/> when the key does not exist.
    /// </summary>
    Task<Stream> OpenReadAsync(string bucket, string key, CancellationToken ct);

    /// <summary>
    /// Uploads <paramref name="content"/> from its current position to the end. A body shorter than one
    /// multipart part goes up in one PUT; a longer one is sent as a multipart upload with at most one part
    /// held in memory, and the upload is aborted when a part fails.
    /// </summary>
    Task<StoredObject> UploadAsync(string bucket, string key, Stream content, string contentType, CancellationToken ct);

    /// <summary>Deletes the object; deleting a missing key succeeds.</summary>
    Task DeleteAsync(string bucket, string key, CancellationToken ct);

    /// <summary>Deletes every object whose key starts with <paramref name="prefix"/>.</summary>
    Task DeletePrefixAsync(string bucket, string prefix, CancellationToken ct);
}
