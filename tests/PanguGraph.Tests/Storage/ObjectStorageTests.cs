using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PanguGraph.Compute.Storage;
using Shouldly;
using Xunit;

namespace PanguGraph.Tests.Storage;

public sealed class ObjectStorageTests : IAsyncLifetime, IDisposable
{
    private const int MiB = 1024 * 1024;

    private readonly S3TestStore _store = new(options =>
    {
        options.MultipartPartSize = 5 * MiB;
        options.ListPageSize = 3;
    });

    private readonly string _bucket = S3TestStore.UniqueBucketName("storage");

    private IObjectStorage Storage => _store.Storage;

    public Task InitializeAsync() => Storage.EnsureBucketAsync(_bucket, CancellationToken.None);

    public async Task DisposeAsync() => await Storage.DeletePrefixAsync(_bucket, "", CancellationToken.None);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task small_object_round_trips_unchanged()
    {
        var content = Encoding.UTF8.GetBytes("{\"text\":\"你好\"}\n");

        var stored = await Storage.UploadAsync(_bucket, "small/a.jsonl", new MemoryStream(content), "application/x-ndjson", default);

        stored.Size.ShouldBe(content.Length);
        _store.Recorder.Calls.ShouldContain(nameof(Amazon.S3.IAmazonS3.PutObjectAsync));
        _store.Recorder.Calls.ShouldNotContain(nameof(Amazon.S3.IAmazonS3.InitiateMultipartUploadAsync));
        (await ReadAllAsync("small/a.jsonl")).ShouldBe(content);
    }

    [Fact]
    public async Task multipart_object_round_trips_unchanged()
    {
        var content = RandomNumberGenerator.GetBytes(20 * MiB + 12345);

        // A non-seekable source proves the upload does not depend on knowing the length up front.
        var stored = await Storage.UploadAsync(_bucket, "big/blob.bin", new ForwardOnlyStream(content), "application/octet-stream", default);

        stored.Size.ShouldBe(content.Length);
        var head = await Storage.HeadAsync(_bucket, "big/blob.bin", default);
        head.ShouldNotBeNull();
        head.Size.ShouldBe(content.Length);
        _store.Recorder.Calls.Count(name => name == nameof(Amazon.S3.IAmazonS3.UploadPartAsync)).ShouldBe(5);
        _store.Recorder.Calls.ShouldContain(nameof(Amazon.S3.IAmazonS3.CompleteMultipartUploadAsync));
        Convert.ToHexString(SHA256.HashData(await ReadAllAsync("big/blob.bin")))
            .ShouldBe(Convert.ToHexString(SHA256.HashData(content)));
    }

    [Fact]
    public async Task body_of_exactly_one_part_round_trips_unchanged()
    {
        var content = RandomNumberGenerator.GetBytes(5 * MiB);

        await Storage.UploadAsync(_bucket, "edge/one-part.bin", new ForwardOnlyStream(content), "application/octet-stream", default);

        SHA256.HashData(await ReadAllAsync("edge/one-part.bin")).ShouldBe(SHA256.HashData(content));
    }

    [Fact]
    public async Task list_pages_through_prefix_in_key_order()
    {
        var keys = Enumerable.Range(0, 8).Select(i => $"list/item-{i:D2}.txt").Reverse().ToList();
        foreach (var key in keys)
        {
            await UploadTextAsync(key, key);
        }

        await UploadTextAsync("listing-other/x.txt", "outside the prefix");

        var listed = await Storage.ListAsync(_bucket, "list/", default).ToListAsync();

        // 8 keys with 3 keys per page take three list requests.
        listed.Select(entry => entry.Key).ShouldBe(keys.Order(StringComparer.Ordinal).ToList());
        listed.ShouldAllBe(entry => entry.Size == entry.Key.Length);
    }

    [Fact]
    public async Task head_of_missing_key_returns_null()
    {
        (await Storage.HeadAsync(_bucket, "nothing/here.txt", default)).ShouldBeNull();
    }

    [Fact]
    public async Task open_read_missing_key_throws()
    {
        var error = await Should.ThrowAsync<StorageObjectNotFoundException>(
            () => Storage.OpenReadAsync(_bucket, "nothing/here.txt", default));

        error.Bucket.ShouldBe(_bucket);
        error.Key.ShouldBe("nothing/here.txt");
        error.MessageEn.ShouldContain("nothing/here.txt");
        error.MessageZh.ShouldContain("nothing/here.txt");
    }

    [Fact]
    public async Task missing_bucket_throws_bucket_not_found()
    {
        var missing = S3TestStore.UniqueBucketName("missing");

        (await Storage.BucketExistsAsync(missing, default)).ShouldBeFalse();
        (await Should.ThrowAsync<StorageBucketNotFoundException>(() => Storage.OpenReadAsync(missing, "a.txt", default)))
            .Bucket.ShouldBe(missing);
        await Should.ThrowAsync<StorageBucketNotFoundException>(() => Storage.HeadAsync(missing, "a.txt", default));
        await Should.ThrowAsync<StorageBucketNotFoundException>(async () => await Storage.ListAsync(missing, "", default).ToListAsync());
        var uploadError = await Should.ThrowAsync<StorageBucketNotFoundException>(
            () => Storage.UploadAsync(missing, "a.txt", new MemoryStream([1, 2, 3]), "text/plain", default));
        uploadError.MessageEn.ShouldContain(missing);
        uploadError.Code.ShouldBe("STORAGE_BUCKET_NOT_FOUND");
    }

    [Fact]
    public async Task ensure_bucket_is_idempotent()
    {
        var bucket = S3TestStore.UniqueBucketName("ensure");

        await Storage.EnsureBucketAsync(bucket, default);
        await Storage.EnsureBucketAsync(bucket, default);

        (await Storage.BucketExistsAsync(bucket, default)).ShouldBeTrue();
        await _store.Client.DeleteBucketAsync(bucket);
    }

    [Fact]
    public async Task delete_prefix_removes_only_that_prefix()
    {
        for (var i = 0; i < 7; i++)
        {
            await UploadTextAsync($"drop/{i}.txt", "x");
        }

        await UploadTextAsync("keep/1.txt", "y");

        await Storage.DeletePrefixAsync(_bucket, "drop/", default);

        (await Storage.ListAsync(_bucket, "drop/", default).ToListAsync()).ShouldBeEmpty();
        (await Storage.HeadAsync(_bucket, "keep/1.txt", default)).ShouldNotBeNull();
    }

    [Fact]
    public async Task delete_removes_object()
    {
        await UploadTextAsync("gone.txt", "bye");

        await Storage.DeleteAsync(_bucket, "gone.txt", default);

        (await Storage.HeadAsync(_bucket, "gone.txt", default)).ShouldBeNull();
    }

    [Fact]
    public async Task failed_multipart_upload_surfaces_source_error()
    {
        var source = new FailingStream(RandomNumberGenerator.GetBytes(12 * MiB), failAfter: 7 * MiB);

        await Should.ThrowAsync<IOException>(
            () => Storage.UploadAsync(_bucket, "broken/blob.bin", source, "application/octet-stream", default));

        _store.Recorder.Calls.ShouldContain(nameof(Amazon.S3.IAmazonS3.AbortMultipartUploadAsync));
        (await Storage.HeadAsync(_bucket, "broken/blob.bin", default)).ShouldBeNull();
    }

    [Fact]
    public void add_pangu_storage_binds_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ServiceUrl"] = "http://127.0.0.1:1",
                ["Storage:AccessKey"] = "key",
                ["Storage:SecretKey"] = "secret",
                ["Storage:MultipartPartSize"] = (16 * MiB).ToString(),
            })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddPanguStorage(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;

        options.MultipartPartSize.ShouldBe(16 * MiB);
        options.PlatformBucket.ShouldBe("pangu-platform");
        options.DisableChunkedEncoding.ShouldBeTrue();
        provider.GetRequiredService<IObjectStorage>().ShouldBeOfType<S3ObjectStorage>();
    }

    [Fact]
    public void part_size_below_s3_minimum_is_rejected()
    {
        var options = new StorageOptions { MultipartPartSize = 1024 };

        Should.Throw<InvalidOperationException>(options.Validate).Message.ShouldContain("MultipartPartSize");
    }

    private async Task UploadTextAsync(string key, string text) =>
        await Storage.UploadAsync(_bucket, key, new MemoryStream(Encoding.UTF8.GetBytes(text)), "text/plain", default);

    private async Task<byte[]> ReadAllAsync(string key)
    {
        await using var stream = await Storage.OpenReadAsync(_bucket, key, default);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
