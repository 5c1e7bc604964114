using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Campaign.Media;

/// <summary><c>Media:S3</c>: where the bucket is and how to sign in to it.</summary>
public sealed record S3MediaOptions
{
    /// <summary>The S3 endpoint (MinIO, Ceph, OSS, COS, OBS, AWS…), e.g. <c>https://s3.example.org</c>.</summary>
    public required string ServiceUrl { get; init; }
    public required string Bucket { get; init; }
    public required string AccessKey { get; init; }
    public required string SecretKey { get; init; }
    public string Region { get; init; } = "us-east-1";
    /// <summary>Bucket in the path (<c>/bucket/key</c>) rather than the host name; most self-hosted stores want it.</summary>
    public bool ForcePathStyle { get; init; } = true;
    /// <summary>How long a browser's signed address for a work stays valid.</summary>
    public TimeSpan DownloadUrlLifetime { get; init; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Media in an S3-compatible bucket, keyed by SHA-256 like the file store, which serves as the
/// local cache: uploads are hashed into it and then copied to the bucket (multipart for large
/// files); tools that need a path (ffprobe) get the cached file, fetched from the bucket and
/// verified against its address when missing; browsers read the bucket directly through signed,
/// short-lived addresses, with range requests. The cache may be emptied at any time.
/// </summary>
public sealed class S3MediaStore(IAmazonS3 s3, string bucket, FileSystemMediaStore cache, TimeSpan? downloadUrlLifetime = null) : IMediaStore
{
    public static IAmazonS3 CreateClient(S3MediaOptions o) => new AmazonS3Client(new BasicAWSCredentials(o.AccessKey, o.SecretKey), new AmazonS3Config
    {
        ServiceURL = o.ServiceUrl,
        ForcePathStyle = o.ForcePathStyle,
        AuthenticationRegion = o.Region,
        // Plain payloads: S3-compatible stores differ in their support for streaming checksums.
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    public async Task<MediaBlob> PutAsync(Stream content, CancellationToken ct) => await CopyToBucketAsync(await cache.PutAsync(content, ct), ct);

    public async Task<MediaBlob> ImportAsync(string localFile, CancellationToken ct, string? sha256 = null) =>
        await CopyToBucketAsync(await cache.ImportAsync(localFile, ct, sha256), ct);

    /// <summary>
    /// The parts go to the bucket as the parts of one multipart upload, straight from their files: no joined
    /// file is written here (the cache gets it when a tool first asks). S3 takes parts of at least 5 MB but the
    /// last, so smaller parts are joined in the cache first.
    /// </summary>
    public async Task<MediaBlob> ImportPartsAsync(IReadOnlyList<string> localFiles, CancellationToken ct)
    {
        var lengths = localFiles.Select(f => new FileInfo(f).Length).ToList();
        if (localFiles.Count == 1 || lengths.SkipLast(1).Any(l => l < MinPartSize))
            return await CopyToBucketAsync(await cache.ImportPartsAsync(localFiles, ct), ct);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in localFiles)
        {
            await using var part = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
            var buffer = new byte[1 << 20];
            int read;
            while ((read = await part.ReadAsync(buffer, ct)) > 0) hash.AppendData(buffer, 0, read);
        }
        var blob = new MediaBlob(Convert.ToHexStringLower(hash.GetHashAndReset()), lengths.Sum());
        if (!await ExistsAsync(blob.Sha256, ct))
            await UploadInPartsAsync(Key(blob.Sha256), localFiles.Zip(lengths).SelectMany(f => Slices(f.First, f.Second)).ToList(), ct);
        foreach (var file in localFiles) File.Delete(file);
        return blob;
    }

    public async Task<string?> GetLocalPathAsync(string sha256, CancellationToken ct)
    {
        if (!FileSystemMediaStore.IsAddress(sha256)) return null;
        if (await cache.GetLocalPathAsync(sha256, ct) is { } cached) return cached;
        GetObjectResponse response;
        try
        {
            response = await s3.GetObjectAsync(bucket, Key(sha256), ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        using (response)
        {
            // The cache hashes what arrives: a blob that is not what its address says never gets in.
            var blob = await cache.PutAsync(response.ResponseStream, ct);
            if (blob.Sha256 != sha256) throw new InvalidDataException($"the bucket's object {Key(sha256)} does not hash to its address");
        }
        return await cache.GetLocalPathAsync(sha256, ct);
    }

    public async Task<Uri?> GetDownloadUrlAsync(string sha256, string contentType, CancellationToken ct)
    {
        if (!FileSystemMediaStore.IsAddress(sha256)) return null;
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = Key(sha256),
            Verb = HttpVerb.GET,
            Protocol = s3.Config.ServiceURL?.StartsWith("http:", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
            Expires = DateTime.UtcNow.Add(downloadUrlLifetime ?? TimeSpan.FromHours(1)),
            ResponseHeaderOverrides = { ContentType = contentType },
        });
        return new Uri(url);
    }

    /// <summary>The local cache takes files, and the bucket takes and gives up an object (the credentials may write, not only read).</summary>
    public async Task ProbeWritableAsync(CancellationToken ct)
    {
        await cache.ProbeWritableAsync(ct);
        var key = $"health/probe-{Guid.NewGuid():N}";
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "probe", UseChunkEncoding = false }, ct);
        await s3.DeleteObjectAsync(bucket, key, ct);
    }

    public static string Key(string sha256) => $"media/{sha256[..2]}/{sha256}";

    private async Task<MediaBlob> CopyToBucketAsync(MediaBlob blob, CancellationToken ct)
    {
        if (!await ExistsAsync(blob.Sha256, ct))
        {
            var path = await cache.GetLocalPathAsync(blob.Sha256, ct) ?? throw new InvalidOperationException("the cached blob vanished");
            if (blob.Length <= PartSize)
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = Key(blob.Sha256), FilePath = path, UseChunkEncoding = false }, ct);
            else
                await UploadInPartsAsync(Key(blob.Sha256), Slices(path, blob.Length).ToList(), ct);
        }
        return blob;
    }

    /// <summary>Multipart upload, each part signed whole (no aws-chunked streaming, which some
    /// S3-compatible stores keep verbatim); an interrupted upload is aborted, leaving nothing.</summary>
    private async Task UploadInPartsAsync(string key, IReadOnlyList<(string Path, long Offset, long Length)> slices, CancellationToken ct)
    {
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key }, ct);
        try
        {
            var parts = new List<PartETag>();
            foreach (var (slice, number) in slices.Select((s, i) => (s, i + 1)))
            {
                var part = await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = bucket, Key = key, UploadId = upload.UploadId, PartNumber = number,
                    FilePath = slice.Path, FilePosition = slice.Offset, PartSize = slice.Length, UseChunkEncoding = false,
                }, ct);
                parts.Add(new PartETag(number, part.ETag));
            }
            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = parts,
            }, ct);
        }
        catch
        {
            await s3.AbortMultipartUploadAsync(bucket, key, upload.UploadId, CancellationToken.None);
            throw;
        }
    }

    private const long PartSize = 16L * 1024 * 1024;
    private const long MinPartSize = 5L * 1024 * 1024;

    /// <summary>A file in parts of 16 MB, its last part taking a remainder under 5 MB, so that every part but the blob's last is large enough.</summary>
    private static IEnumerable<(string Path, long Offset, long Length)> Slices(string path, long length)
    {
        for (long offset = 0; offset < length;)
        {
            var size = length - offset < PartSize + MinPartSize ? length - offset : PartSize;
            yield return (path, offset, size);
            offset += size;
        }
    }

    private async Task<bool> ExistsAsync(string sha256, CancellationToken ct)
    {
        try
        {
            await s3.GetObjectMetadataAsync(bucket, Key(sha256), ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
