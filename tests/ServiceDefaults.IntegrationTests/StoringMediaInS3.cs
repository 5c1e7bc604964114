using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Amazon.S3.Model;
using Campaign.Media;
using Campaign.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaign.ServiceDefaults.IntegrationTests;

/// <summary>The S3 media store against a real S3-compatible server: what goes in comes back
/// byte for byte under its SHA-256, browsers read it with ranges, and a wrong object is refused.</summary>
public sealed class StoringMediaInS3(S3Server s3) : IClassFixture<S3Server>, IDisposable
{
    private readonly string cacheRoot = Path.Combine(Path.GetTempPath(), $"media-cache-{Guid.NewGuid():N}");

    private S3MediaStore Store() => new(s3.Client, S3Server.Bucket, new FileSystemMediaStore(cacheRoot));

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task A_large_upload_goes_to_the_bucket_in_parts_and_comes_back_verified_into_an_empty_cache()
    {
        var bytes = RandomBytes(40 * 1024 * 1024); // above the multipart threshold (16 MB)
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, bytes);

        var blob = await Store().ImportAsync(file, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), blob.Sha256);
        Assert.False(File.Exists(file)); // imported: moved, not copied
        var stored = await s3.Client.GetObjectMetadataAsync(S3Server.Bucket, S3MediaStore.Key(blob.Sha256));
        Assert.Equal(bytes.Length, stored.ContentLength);

        Directory.Delete(cacheRoot, recursive: true); // another replica, or the cache emptied
        var path = await Store().GetLocalPathAsync(blob.Sha256, CancellationToken.None);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path!));
    }

    [Fact]
    public async Task Parts_of_a_tus_concatenation_go_to_the_bucket_as_one_multipart_upload_without_a_joined_local_file()
    {
        var bytes = RandomBytes(26 * 1024 * 1024);
        var cuts = new[] { 0, 6 * 1024 * 1024, 25 * 1024 * 1024, bytes.Length }; // 6 MB, 19 MB, 1 MB: every part but the last at least 5 MB
        var files = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            files.Add(Path.GetTempFileName());
            await File.WriteAllBytesAsync(files[^1], bytes[cuts[i]..cuts[i + 1]]);
        }

        var blob = await Store().ImportPartsAsync(files, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), blob.Sha256);
        Assert.All(files, f => Assert.False(File.Exists(f)));
        Assert.Null(await new FileSystemMediaStore(cacheRoot).GetLocalPathAsync(blob.Sha256, CancellationToken.None)); // nothing joined here
        var path = await Store().GetLocalPathAsync(blob.Sha256, CancellationToken.None); // fetched from the bucket and verified
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path!));
    }

    [Fact]
    public async Task Parts_smaller_than_S3_accepts_are_joined_in_the_cache_first()
    {
        var bytes = RandomBytes(3_000_000);
        var files = new List<string>();
        foreach (var (from, to) in new[] { (0, 1_000_000), (1_000_000, 2_000_000), (2_000_000, 3_000_000) })
        {
            files.Add(Path.GetTempFileName());
            await File.WriteAllBytesAsync(files[^1], bytes[from..to]);
        }

        var blob = await Store().ImportPartsAsync(files, CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), blob.Sha256);
        Assert.Equal(bytes, await File.ReadAllBytesAsync((await new FileSystemMediaStore(cacheRoot).GetLocalPathAsync(blob.Sha256, CancellationToken.None))!));
        var stored = await s3.Client.GetObjectMetadataAsync(S3Server.Bucket, S3MediaStore.Key(blob.Sha256));
        Assert.Equal(bytes.Length, stored.ContentLength);
    }

    [Fact]
    public async Task A_browser_reads_the_work_from_the_bucket_through_a_signed_address_with_ranges()
    {
        var bytes = RandomBytes(300_000);
        var blob = await Store().PutAsync(new MemoryStream(bytes), CancellationToken.None);
        var url = await Store().GetDownloadUrlAsync(blob.Sha256, "video/mp4", CancellationToken.None);

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(1000, 1999) } };
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(bytes[1000..2000], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Amz-Signature=", url!.Query); // signed, short-lived: the bucket stays private
    }

    [Fact]
    public async Task An_object_that_does_not_hash_to_its_address_never_reaches_the_cache()
    {
        var claimed = Convert.ToHexStringLower(SHA256.HashData("the real work"u8));
        await s3.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = S3Server.Bucket, Key = S3MediaStore.Key(claimed), InputStream = new MemoryStream("something else"u8.ToArray()), UseChunkEncoding = false,
        });

        await Assert.ThrowsAsync<InvalidDataException>(() => Store().GetLocalPathAsync(claimed, CancellationToken.None));
        Assert.Null(await new FileSystemMediaStore(cacheRoot).GetLocalPathAsync(claimed, CancellationToken.None));
        Assert.Null(await Store().GetLocalPathAsync(new string('a', 64), CancellationToken.None)); // absent
        Assert.Null(await Store().GetLocalPathAsync("../../etc/passwd", CancellationToken.None));  // not an address
    }

    [Fact]
    public void Media_Store_s3_in_configuration_selects_the_bucket()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Media:Store"] = "s3",
            ["Media:Root"] = cacheRoot,
            ["Media:S3:ServiceUrl"] = s3.Options.ServiceUrl,
            ["Media:S3:Bucket"] = S3Server.Bucket,
            ["Media:S3:AccessKey"] = "S3RVER",
            ["Media:S3:SecretKey"] = "S3RVER",
        });
        builder.AddMediaStore();
        using var host = builder.Build();
        Assert.IsType<S3MediaStore>(host.Services.GetRequiredService<IMediaStore>());
    }

    public void Dispose()
    {
        if (Directory.Exists(cacheRoot)) Directory.Delete(cacheRoot, recursive: true);
    }
}
