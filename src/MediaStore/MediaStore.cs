using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaign.Media;

/// <summary>
/// Content-addressed media: a blob's name is the SHA-256 of its bytes, so a reference on the bus
/// names exactly one content and never changes meaning. Nothing large travels on the bus.
/// </summary>
public interface IMediaStore
{
    /// <summary>Streams <paramref name="content"/> into the store and returns its address.</summary>
    Task<MediaBlob> PutAsync(Stream content, CancellationToken ct);

    /// <summary>
    /// Moves a finished local file (an upload) into the store; the file is gone afterwards. Pass
    /// <paramref name="sha256"/> when it was computed while the bytes arrived, else the file is hashed here.
    /// </summary>
    Task<MediaBlob> ImportAsync(string localFile, CancellationToken ct, string? sha256 = null);

    /// <summary>
    /// Joins finished local files (the parts of a tus concatenation), in order, into one blob; the files are
    /// gone afterwards. Each store copies as few bytes as it can: none where it can join parts itself.
    /// </summary>
    Task<MediaBlob> ImportPartsAsync(IReadOnlyList<string> localFiles, CancellationToken ct);

    /// <summary>A local file of the blob for tools that need a path (ffprobe), or null if unknown.</summary>
    Task<string?> GetLocalPathAsync(string sha256, CancellationToken ct);

    /// <summary>A short-lived address from which a browser reads the blob itself (with range
    /// requests), when the store has one; null means serve the local file.</summary>
    Task<Uri?> GetDownloadUrlAsync(string sha256, string contentType, CancellationToken ct);

    /// <summary>Writes and removes a small probe where blobs are written; throws when the store cannot take a blob.</summary>
    Task ProbeWritableAsync(CancellationToken ct);
}

public sealed record MediaBlob(string Sha256, long Length);

/// <summary>The default store: files under <c>Media:Root</c>, fanned out by the first hex digits.</summary>
public sealed class FileSystemMediaStore(string root) : IMediaStore
{
    public async Task<MediaBlob> PutAsync(Stream content, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(root, "incoming"));
        var temp = Path.Combine(root, "incoming", Guid.NewGuid().ToString("N"));
        try
        {
            long length;
            string sha;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                length = file.Length;
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            var target = PathOf(sha);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (!File.Exists(target)) File.Move(temp, target, overwrite: true);
            return new MediaBlob(sha, length);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public async Task<MediaBlob> ImportAsync(string localFile, CancellationToken ct, string? sha256 = null)
    {
        var sha = sha256;
        var length = new FileInfo(localFile).Length;
        if (sha is null)
        {
            await using var file = new FileStream(localFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(file, ct));
        }
        var target = PathOf(sha);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target)) File.Delete(localFile);
        else File.Move(localFile, target);
        return new MediaBlob(sha, length);
    }

    /// <summary>The first part becomes the blob's file where it lies; only the later parts' bytes are copied
    /// (a plain file system cannot join files without copying), each read once for the hash and the copy.</summary>
    public async Task<MediaBlob> ImportPartsAsync(IReadOnlyList<string> localFiles, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        await using (var joined = new FileStream(localFiles[0], FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 20, useAsync: true))
        {
            var firstLength = joined.Length;
            try
            {
                await AppendAsync(joined, hash, buffer, null, ct);
                foreach (var file in localFiles.Skip(1))
                {
                    await using var part = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
                    await AppendAsync(part, hash, buffer, joined, ct);
                }
            }
            catch
            {
                joined.SetLength(firstLength); // the first part stays what it was, so the join can be asked for again
                throw;
            }
        }
        foreach (var file in localFiles.Skip(1)) File.Delete(file);
        return await ImportAsync(localFiles[0], ct, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static async Task AppendAsync(Stream from, IncrementalHash hash, byte[] buffer, Stream? to, CancellationToken ct)
    {
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            if (to is not null) await to.WriteAsync(buffer.AsMemory(0, read), ct);
        }
    }

    public Task<string?> GetLocalPathAsync(string sha256, CancellationToken ct) =>
        Task.FromResult(IsAddress(sha256) && File.Exists(PathOf(sha256)) ? PathOf(sha256) : null);

    public Task<Uri?> GetDownloadUrlAsync(string sha256, string contentType, CancellationToken ct) => Task.FromResult<Uri?>(null);

    public async Task ProbeWritableAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(root, "incoming"));
        var probe = Path.Combine(root, "incoming", $"probe-{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(probe, [1], ct);
        File.Delete(probe);
    }

    private string PathOf(string sha) => Path.Combine(root, sha[..2], sha[2..4], sha);

    public static bool IsAddress(string s) => s.Length == 64 && s.All(char.IsAsciiHexDigitLower);
}

public static class MediaStoreExtensions
{
    /// <summary>Files under <c>Media:Root</c>; with <c>Media:Store=s3</c>, an S3-compatible bucket
    /// (<c>Media:S3:*</c>) with <c>Media:Root</c> as the local cache.</summary>
    public static IHostApplicationBuilder AddMediaStore(this IHostApplicationBuilder builder)
    {
        var root = Path.GetFullPath(builder.Configuration["Media:Root"] ?? Path.Combine(Path.GetTempPath(), "campaign-media"));
        var local = new FileSystemMediaStore(root);
        if (!string.Equals(builder.Configuration["Media:Store"], "s3", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddSingleton<IMediaStore>(local);
            builder.Services.AddHealthChecks().AddCheck<MediaStoreHealthCheck>("media-store", tags: ["ready"], timeout: TimeSpan.FromSeconds(10));
            return builder;
        }
        var options = builder.Configuration.GetSection("Media:S3").Get<S3MediaOptions>()
            ?? throw new InvalidOperationException("Media:Store is s3 but Media:S3 is not configured");
        builder.Services.AddSingleton<IMediaStore>(new S3MediaStore(S3MediaStore.CreateClient(options), options.Bucket, local, options.DownloadUrlLifetime));
        builder.Services.AddHealthChecks().AddCheck<MediaStoreHealthCheck>("media-store", tags: ["ready"], timeout: TimeSpan.FromSeconds(10));
        return builder;
    }
}
