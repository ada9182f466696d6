using System.Buffers;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PanguGraph.Compute.Storage;

/// <summary><see cref="IObjectStorage"/> over the AWS SDK, for AWS S3 and S3-compatible stores.</summary>
public sealed class S3ObjectStorage(IAmazonS3 s3, IOptions<StorageOptions> options, ILogger<S3ObjectStorage> logger)
    : IObjectStorage
{
    /// <summary>Most parts that S3 accepts in one multipart upload.</summary>
    private const int MaxPartCount = 10_000;

    private readonly StorageOptions _options = options.Value;

    public async Task<bool> BucketExistsAsync(string bucket, CancellationToken ct)
    {
        try
        {
            await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, ct);
            return true;
        }
        catch (AmazonS3Exception e) when (IsBucketMissing(e) || e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task EnsureBucketAsync(string bucket, CancellationToken ct)
    {
        if (await BucketExistsAsync(bucket, ct))
        {
            return;
        }

        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, ct);
            logger.LogInformation("Created bucket {Bucket}", bucket);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Another node created it between the existence check and the PUT.
        }
    }

    public async IAsyncEnumerable<StoredObject> ListAsync(
        string bucket, string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        string? continuationToken = null;
        do
        {
            var page = await ListPageAsync(bucket, prefix, continuationToken, startAfter: null, ct);
            foreach (var entry in page.S3Objects ?? [])
            {
                yield return new StoredObject(entry.Key, entry.Size ?? 0, entry.ETag);
            }

            continuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuationToken is not null);
    }

    public async Task<StoredObject?> HeadAsync(string bucket, string key, CancellationToken ct)
    {
        try
        {
            var metadata = await s3.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = bucket, Key = key }, ct);
            return new StoredObject(key, metadata.ContentLength, metadata.ETag);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // A HEAD response has no body, so a missing bucket and a missing key look the same.
            if (!await BucketExistsAsync(bucket, ct))
            {
                throw new StorageBucketNotFoundException(bucket, e);
            }

            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(string bucket, string key, CancellationToken ct)
    {
        try
        {
            var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, ct);
            return new ResponseOwningStream(response);
        }
        catch (AmazonS3Exception e) when (IsBucketMissing(e))
        {
            throw new StorageBucketNotFoundException(bucket, e);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey" || e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StorageObjectNotFoundException(bucket, key, e);
        }
    }

    public async Task<StoredObject> UploadAsync(
        string bucket, string key, Stream content, string contentType, CancellationToken ct)
    {
        var partSize = checked((int)_options.MultipartPartSize);
        var buffer = ArrayPool<byte>.Shared.Rent(partSize);
        try
        {
            var firstLength = await content.ReadAtLeastAsync(buffer.AsMemory(0, partSize), partSize, throwOnEndOfStream: false, ct);
            if (firstLength < partSize)
            {
                return await PutSingleAsync(bucket, key, buffer, firstLength, contentType, ct);
            }

            return await PutMultipartAsync(bucket, key, content, contentType, buffer, partSize, ct);
        }
        catch (AmazonS3Exception e) when (IsBucketMissing(e))
        {
            throw new StorageBucketNotFoundException(bucket, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task DeleteAsync(string bucket, string key, CancellationToken ct)
    {
        try
        {
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, ct);
        }
        catch (AmazonS3Exception e) when (IsBucketMissing(e))
        {
            throw new StorageBucketNotFoundException(bucket, e);
        }
    }

    public async Task DeletePrefixAsync(string bucket, string prefix, CancellationToken ct)
    {
        // Pages continue after the last key seen (StartAfter) rather than with a continuation token,
        // because the objects of the previous page are gone by the time the next page is requested.
        string? startAfter = null;
        var deleted = 0;
        while (true)
        {
            var page = await ListPageAsync(bucket, prefix, continuationToken: null, startAfter, ct);
            var keys = (page.S3Objects ?? []).Select(entry => entry.Key).ToList();
            if (keys.Count == 0)
            {
                break;
            }

            await DeleteKeysAsync(bucket, keys, ct);
            deleted += keys.Count;
            startAfter = keys[^1];

            if (page.IsTruncated != true)
            {
                break;
            }
        }

        logger.LogInformation("Deleted {Count} objects under {Bucket}/{Prefix}", deleted, bucket, prefix);
    }

    private async Task<ListObjectsV2Response> ListPageAsync(
        string bucket, string prefix, string? continuationToken, string? startAfter, CancellationToken ct)
    {
        var request = new ListObjectsV2Request
        {
            BucketName = bucket,
            Prefix = prefix,
            MaxKeys = _options.ListPageSize,
            ContinuationToken = continuationToken,
            StartAfter = startAfter,
        };

        try
        {
            return await s3.ListObjectsV2Async(request, ct);
        }
        catch (AmazonS3Exception e) when (IsBucketMissing(e))
        {
            throw new StorageBucketNotFoundException(bucket, e);
        }
    }

    private async Task DeleteKeysAsync(string bucket, List<string> keys, CancellationToken ct)
    {
        var request = new DeleteObjectsRequest
        {
            BucketName = bucket,
            Objects = keys.Select(key => new KeyVersion { Key = key }).ToList(),
            Quiet = true,
        };

        var response = await s3.DeleteObjectsAsync(request, ct);
        var errors = response.DeleteErrors ?? [];
        if (errors.Count > 0)
        {
            var first = errors[0];
            throw new IOException(
                $"Deleting {errors.Count} of {keys.Count} objects in bucket '{bucket}' failed; the first, '{first.Key}', failed with {first.Code}: {first.Message}");
        }
    }

    private async Task<StoredObject> PutSingleAsync(
        string bucket, string key, byte[] buffer, int length, string contentType, CancellationToken ct)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = body,
            ContentType = contentType,
            AutoCloseStream = false,
            UseChunkEncoding = !_options.DisableChunkedEncoding,
        };

        var response = await s3.PutObjectAsync(request, ct);
        return new StoredObject(key, length, response.ETag);
    }

    private async Task<StoredObject> PutMultipartAsync(
        string bucket, string key, Stream content, string contentType, byte[] buffer, int partSize, CancellationToken ct)
    {
        var started = await s3.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ContentType = contentType }, ct);
        var uploadId = started.UploadId;

        try
        {
            var parts = new List<PartETag>();
            long total = 0;
            var length = partSize;

            // The first part is already in the buffer; each later part reuses it.
            while (length > 0)
            {
                var partNumber = parts.Count + 1;
                if (partNumber > MaxPartCount)
                {
                    throw new StorageObjectTooLargeException(bucket, key, partSize, MaxPartCount);
                }

                parts.Add(await UploadPartAsync(bucket, key, uploadId, partNumber, buffer, length, ct));
                total += length;
                length = await content.ReadAtLeastAsync(buffer.AsMemory(0, partSize), partSize, throwOnEndOfStream: false, ct);
            }

            var completed = await s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId, PartETags = parts },
                ct);
            return new StoredObject(key, total, completed.ETag);
        }
        catch (Exception failure)
        {
            await AbortQuietlyAsync(bucket, key, uploadId, failure);
            throw;
        }
    }

    private async Task<PartETag> UploadPartAsync(
        string bucket, string key, string uploadId, int partNumber, byte[] buffer, int length, CancellationToken ct)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        var request = new UploadPartRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = partNumber,
            PartSize = length,
            InputStream = body,
            UseChunkEncoding = !_options.DisableChunkedEncoding,
        };

        var response = await s3.UploadPartAsync(request, ct);
        return new PartETag(partNumber, response.ETag);
    }

    private async Task AbortQuietlyAsync(string bucket, string key, string uploadId, Exception failure)
    {
        try
        {
            // CancellationToken.None: the abort must still run when the upload failed because it was cancelled.
            await s3.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId },
                CancellationToken.None);
            logger.LogWarning(failure, "Aborted multipart upload {UploadId} of {Bucket}/{Key}", uploadId, bucket, key);
        }
        catch (Exception abortFailure) when (abortFailure is AmazonServiceException or AmazonClientException or HttpRequestException)
        {
            // The original failure is what the caller needs; the store discards or expires the parts.
            logger.LogError(
                abortFailure,
                "Aborting multipart upload {UploadId} of {Bucket}/{Key} failed after the upload failed with {Failure}",
                uploadId, bucket, key, failure.Message);
        }
    }

    private static bool IsBucketMissing(AmazonS3Exception e) => e.ErrorCode == "NoSuchBucket";
}
