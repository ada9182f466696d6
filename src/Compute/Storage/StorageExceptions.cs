namespace PanguGraph.Compute.Storage;

/// <summary>
/// Base of the storage failures a user can act on, with a message in English and in Chinese (zh-CN).
/// <see cref="Exception.Message"/> is the English message.
/// </summary>
public abstract class StorageException : Exception
{
    protected StorageException(string code, string bucket, string messageEn, string messageZh, Exception? inner)
        : base(messageEn, inner)
    {
        Code = code;
        Bucket = bucket;
        MessageEn = messageEn;
        MessageZh = messageZh;
    }

    /// <summary>Stable error code such as STORAGE_BUCKET_NOT_FOUND.</summary>
    public string Code { get; }

    public string Bucket { get; }

    public string MessageEn { get; }

    public string MessageZh { get; }
}

public sealed class StorageBucketNotFoundException(string bucket, Exception? inner = null)
    : StorageException(
        "STORAGE_BUCKET_NOT_FOUND",
        bucket,
        $"Bucket '{bucket}' does not exist in object storage. Check the bucket name, or create the bucket first.",
        $"对象存储中不存在桶“{bucket}”。请检查桶名称，或先创建该桶。",
        inner);

public sealed class StorageObjectNotFoundException(string bucket, string key, Exception? inner = null)
    : StorageException(
        "STORAGE_OBJECT_NOT_FOUND",
        bucket,
        $"Object '{key}' was not found in bucket '{bucket}'. Check the object path, or upload the file first.",
        $"桶“{bucket}”中找不到对象“{key}”。请检查对象路径，或先上传该文件。",
        inner)
{
    public string Key { get; } = key;
}

/// <summary>Thrown when a body needs more parts than S3 allows in one multipart upload.</summary>
public sealed class StorageObjectTooLargeException(string bucket, string key, long partSize, int maxParts)
    : StorageException(
        "STORAGE_OBJECT_TOO_LARGE",
        bucket,
        $"Object '{key}' in bucket '{bucket}' needs more than {maxParts} parts of {partSize} bytes. Raise Storage:MultipartPartSize and upload again.",
        $"桶“{bucket}”中的对象“{key}”超过 {maxParts} 个 {partSize} 字节的分段。请调大 Storage:MultipartPartSize 后重新上传。",
        null)
{
    public string Key { get; } = key;
}
