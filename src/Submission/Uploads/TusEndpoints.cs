using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Http;
using Campaign.ServiceDefaults.Identity;
using Campaign.ServiceDefaults.Media;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Campaign.Submission.Uploads;

/// <summary>
/// The tus 1.0 resumable upload protocol — core, creation, termination, checksum, expiration —
/// so the off-the-shelf tus clients of web pages, mini-programs and apps can resume. Bytes are
/// streamed from the request body to the part file, never held whole in memory.
/// </summary>
public static class TusEndpoints
{
    public const string Version = "1.0.0";
    private static readonly string[] ChecksumAlgorithms = ["sha1", "sha256", "md5"];

    public static void MapTus(this WebApplication app)
    {
        var tus = app.MapGroup("/uploads").WithTags("Uploads (tus 1.0)")
            // Bytes of a file stream through here: the small-JSON limit of every other endpoint does not apply.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute())
            .RequireAuthorization(p => p.RequireRole(Roles.Submitter, Roles.OrganizationAdministrator))
            .AddEndpointFilter(async (context, next) =>
            {
                context.HttpContext.Response.Headers["Tus-Resumable"] = Version;
                var method = context.HttpContext.Request.Method;
                if (method != "OPTIONS" && method != "GET" && context.HttpContext.Request.Headers["Tus-Resumable"] != Version)
                {
                    context.HttpContext.Response.Headers["Tus-Version"] = Version;
                    return new Refusal(412, "不支持的 tus 协议版本", "Unsupported tus version", $"本服务使用 tus {Version}。", $"This server speaks tus {Version}.").ToProblem(context.HttpContext);
                }
                try
                {
                    return await next(context);
                }
                catch (RuleViolationException e)
                {
                    // Answered here, not by the exception handler, which would clear Tus-Resumable and Tus-Max-Size.
                    return e.ToProblem(context.HttpContext);
                }
            });

        tus.MapMethods("/", ["OPTIONS"], (HttpContext http, CampaignCatalog campaigns) =>
        {
            http.Response.Headers["Tus-Version"] = Version;
            http.Response.Headers["Tus-Extension"] = "creation,termination,checksum,expiration";
            http.Response.Headers["Tus-Checksum-Algorithm"] = string.Join(',', ChecksumAlgorithms);
            http.Response.Headers["Tus-Max-Size"] = campaigns.All.SelectMany(c => c.Categories).Max(c => UploadLimits.For(c).Bytes).ToString(CultureInfo.InvariantCulture);
            return Results.NoContent();
        }).AllowAnonymous().WithSummary("tus discovery: version, extensions, checksum algorithms, maximum size.");

        tus.MapPost("/", Create).WithSummary("tus creation: declare the length and metadata (campaignId, categoryId, filename); too large a file is refused before a byte is sent (V3, R3).");
        tus.MapMethods("/{id:guid}", ["HEAD"], Offset).WithSummary("tus: the offset to resume from.");
        tus.MapPatch("/{id:guid}", Append).WithSummary("tus: append bytes at the offset (application/offset+octet-stream), with an optional Upload-Checksum.");
        tus.MapDelete("/{id:guid}", Terminate).WithSummary("tus termination: abandon an upload and its bytes.");
        tus.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IQuerySession session, IOptions<UploadOptions> options, CancellationToken ct) =>
                await session.LoadAsync<Upload>(id, ct) is { } u && u.CreatedBy == user.UserId()
                    ? Results.Ok(new UploadStatus(u.Id, u.FileName, u.Length, OffsetOf(u, options.Value), u.Sha256, u.ExpiresAt))
                    : throw Refusal.NotFound("上传不存在或已过期", "Upload not found"))
            .WithSummary("An upload's progress and, once complete, the content address of its file.");
    }

    public sealed record UploadStatus(Guid Id, string FileName, long Length, long Offset, string? Sha256, DateTimeOffset ExpiresAt);

    private static async Task<IResult> Create(HttpContext http, ClaimsPrincipal user, CampaignCatalog campaigns, TimeProvider clock,
        IDocumentSession session, IOptions<UploadOptions> options, CancellationToken ct)
    {
        if (!long.TryParse(http.Request.Headers["Upload-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            return new Refusal(400, "缺少 Upload-Length", "Upload-Length is required", "不支持延迟声明长度：须先按类别上限检查文件大小。", "Deferred lengths are not supported: the length is checked against the category's limit first.").ToProblem(http);
        var metadata = ParseMetadata(http.Request.Headers["Upload-Metadata"].ToString());
        if (campaigns.Find(metadata.GetValueOrDefault("campaignId") ?? "") is not { } campaign
            || campaign.FindCategory(metadata.GetValueOrDefault("categoryId") ?? "") is not { } category)
            return new Refusal(400, "没有这个活动或类别", "Unknown campaign or category", "Upload-Metadata 须包含 campaignId 和 categoryId。", "Upload-Metadata must name campaignId and categoryId.").ToProblem(http);

        var (limit, rule) = UploadLimits.For(category);
        if (length > limit)
        {
            http.Response.Headers["Tus-Max-Size"] = limit.ToString(CultureInfo.InvariantCulture);
            var (zhLimit, zhLength) = Sizes(limit, length, "字节");
            var (enLimit, enLength) = Sizes(limit, length, " bytes");
            throw new RuleViolationException(rule, $"{category.Name}的作品文件不超过{zhLimit}，本文件为{zhLength}。",
                $"{category.Name} accepts files up to {enLimit}; this one declares {enLength}.", 413);
        }
        var now = clock.GetUtcNow();
        SubmissionWindow.Check(campaign, category, now);

        var o = options.Value;
        var upload = new Upload(Guid.CreateVersion7(), campaign.Id, category.Id, Path.GetFileName(metadata.GetValueOrDefault("filename") ?? "file"),
            length, user.UserId(), now, now + o.ExpireAfter);
        Directory.CreateDirectory(o.Root);
        await File.WriteAllBytesAsync(o.PartFile(upload.Id), [], ct);
        session.Store(upload);
        await session.SaveChangesAsync(ct);
        if (length == 0) await CompleteAsync(http.RequestServices, session, upload, o, ct);

        http.Response.Headers["Upload-Expires"] = upload.ExpiresAt.ToString("R");
        return Results.Created($"/uploads/{upload.Id}", null);
    }

    private static async Task<IResult> Offset(Guid id, HttpContext http, ClaimsPrincipal user, IQuerySession session, IOptions<UploadOptions> options, CancellationToken ct)
    {
        if (await session.LoadAsync<Upload>(id, ct) is not { } upload || upload.CreatedBy != user.UserId())
            return Results.NotFound();
        http.Response.Headers["Upload-Offset"] = OffsetOf(upload, options.Value).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Length"] = upload.Length.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Expires"] = upload.ExpiresAt.ToString("R");
        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok();
    }

    private static async Task<IResult> Append(Guid id, HttpContext http, ClaimsPrincipal user, IDocumentSession session,
        IOptions<UploadOptions> options, RunningHashes hashes, CancellationToken ct)
    {
        if (http.Request.ContentType != "application/offset+octet-stream")
            return new Refusal(415, "Content-Type 必须为 application/offset+octet-stream", "Content-Type must be application/offset+octet-stream").ToProblem(http);
        if (await session.LoadAsync<Upload>(id, ct) is not { } upload || upload.CreatedBy != user.UserId())
            return Refusal.NotFound("上传不存在或已过期", "Upload not found").ToProblem(http);
        if (!long.TryParse(http.Request.Headers["Upload-Offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            return new Refusal(400, "缺少 Upload-Offset", "Upload-Offset is required").ToProblem(http);
        var checksum = ParseChecksum(http.Request.Headers["Upload-Checksum"].ToString(), out var badChecksumHeader);
        if (badChecksumHeader) return new Refusal(400, "不支持的校验算法", "Unsupported checksum algorithm", $"请使用 {string.Join("、", ChecksumAlgorithms)}。", $"Use one of {string.Join(", ", ChecksumAlgorithms)}.").ToProblem(http);

        var o = options.Value;
        FileStream part;
        try
        {
            // FileShare.None: a second PATCH on the same upload at the same time is refused, not interleaved.
            part = new FileStream(o.PartFile(id), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException) { return Refusal.NotFound("上传不存在或已过期", "Upload not found").ToProblem(http); }
        catch (IOException) { return new Refusal(409, "另一个请求正在写入此上传", "Another request is writing this upload").ToProblem(http); }

        long written;
        await using (part)
        {
            if (upload.Completed || part.Length != offset)
                return new Refusal(409, "偏移量不一致", "Offset mismatch", $"上传当前位于 {(upload.Completed ? upload.Length : part.Length)}，不是 {offset}。", $"The upload is at {(upload.Completed ? upload.Length : part.Length)}, not {offset}.").ToProblem(http);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
            part.Position = offset;
            var running = hashes.Resume(id, offset);
            var (received, tooLong) = await CopyBodyAsync(http.Request.BodyReader, part, upload.Length - offset, checksum?.Hash, running, ct);
            written = offset + received;
            if (tooLong || checksum is { } c && !c.Hash.GetHashAndReset().AsSpan().SequenceEqual(c.Expected))
            {
                running?.Dispose();
                await part.FlushAsync(CancellationToken.None);
                part.SetLength(offset); // the chunk is discarded; the client sends it again
                return tooLong
                    ? new Refusal(413, "数据超过声明的 Upload-Length", "More bytes than the declared Upload-Length").ToProblem(http)
                    : new Refusal(460, "校验和不一致", "Checksum mismatch", "该数据块已丢弃，请重新发送。", "The chunk was discarded; send it again.").ToProblem(http);
            }
            await part.FlushAsync(CancellationToken.None);
            hashes.Keep(id, written, running);
        }

        if (written == upload.Length) await CompleteAsync(http.RequestServices, session, upload, o, ct, hashes.Finish(id, written));
        http.Response.Headers["Upload-Offset"] = written.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Expires"] = upload.ExpiresAt.ToString("R");
        return Results.NoContent();
    }

    /// <summary>Streams the body to the file as it arrives; a dropped connection keeps what arrived, so the client resumes from there.
    /// The hashes are computed on another core from copies of what was written, so the client never waits for SHA-256.</summary>
    private static async Task<(long Received, bool TooLong)> CopyBodyAsync(System.IO.Pipelines.PipeReader body, FileStream part, long remaining,
        IncrementalHash? hash, IncrementalHash? running, CancellationToken ct)
    {
        long received = 0;
        var hashing = new BackgroundHashing(hash, running);
        try
        {
            while (true)
            {
                var result = await body.ReadAsync(ct);
                var buffer = result.Buffer;
                if (received + buffer.Length > remaining) return (received, true);
                foreach (var segment in buffer) await part.WriteAsync(segment, CancellationToken.None);
                await hashing.AddAsync(buffer);
                received += buffer.Length;
                body.AdvanceTo(buffer.End);
                if (result.IsCompleted) return (received, false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return (received, false);
        }
        finally
        {
            // Whatever happened, the hashes cover exactly the bytes written when this returns.
            await hashing.CompleteAsync();
        }
    }

    private static async Task CompleteAsync(IServiceProvider services, IDocumentSession session, Upload upload, UploadOptions o, CancellationToken ct,
        string? sha256 = null)
    {
        var blob = await services.GetRequiredService<IMediaStore>().ImportAsync(o.PartFile(upload.Id), ct, sha256);
        session.Store(upload with { Sha256 = blob.Sha256 });
        await session.SaveChangesAsync(ct);
    }

    private static async Task<IResult> Terminate(Guid id, HttpContext http, ClaimsPrincipal user, IDocumentSession session, IOptions<UploadOptions> options, CancellationToken ct)
    {
        if (await session.LoadAsync<Upload>(id, ct) is not { } upload || upload.CreatedBy != user.UserId())
            return Refusal.NotFound("上传不存在或已过期", "Upload not found").ToProblem(http);
        File.Delete(options.Value.PartFile(id));
        session.Delete(upload);
        await session.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    /// <summary>A limit and a length in MB, or in exact bytes where MB would round them to the same figure.</summary>
    private static (string Limit, string Length) Sizes(long limit, long length, string bytes)
    {
        static string Mb(long b) => (b / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
        string Exact(long b) => b.ToString("N0", CultureInfo.InvariantCulture) + bytes;
        return Mb(limit) != Mb(length) ? (Mb(limit), Mb(length)) : (Exact(limit), Exact(length));
    }

    /// <summary>Where the upload stands: its part file's length, or all of it once complete.</summary>
    private static long OffsetOf(Upload u, UploadOptions o) =>
        u.Completed ? u.Length : File.Exists(o.PartFile(u.Id)) ? new FileInfo(o.PartFile(u.Id)).Length : 0;

    private sealed record Checksum(IncrementalHash Hash, byte[] Expected);

    private static Checksum? ParseChecksum(string header, out bool unsupported)
    {
        unsupported = false;
        if (string.IsNullOrWhiteSpace(header)) return null;
        var parts = header.Split(' ', 2);
        var algorithm = parts[0].ToLowerInvariant() switch
        {
            "sha1" => HashAlgorithmName.SHA1,
            "sha256" => HashAlgorithmName.SHA256,
            "md5" => HashAlgorithmName.MD5,
            _ => default,
        };
        if (algorithm == default || parts.Length < 2) { unsupported = true; return null; }
        try { return new Checksum(IncrementalHash.CreateHash(algorithm), Convert.FromBase64String(parts[1])); }
        catch (FormatException) { unsupported = true; return null; }
    }

    /// <summary>tus metadata: comma-separated "key base64value" pairs.</summary>
    public static Dictionary<string, string> ParseMetadata(string header)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = pair.Split(' ', 2);
            try { result[kv[0]] = kv.Length == 2 ? Encoding.UTF8.GetString(Convert.FromBase64String(kv[1])) : ""; }
            catch (FormatException) { }
        }
        return result;
    }
}
