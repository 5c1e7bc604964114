using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Http;
using Campaign.ServiceDefaults.Identity;
using Campaign.Media;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Campaign.Submission.Uploads;

/// <summary>
/// The tus 1.0 resumable upload protocol — core, creation, termination, checksum, expiration —
/// so the off-the-shelf tus clients of web pages, mini-programs and apps can resume. Bytes are
/// streamed from the request body to the part file, never held whole in memory. What the headers
/// say, and the refusals, are <see cref="TusProtocol"/>'s.
/// </summary>
public static class TusEndpoints
{
    public static void MapTus(this WebApplication app)
    {
        var tus = app.MapGroup("/uploads").WithTags("Uploads (tus 1.0)")
            // Bytes of a file stream through here: the small-JSON limit of every other endpoint does not apply.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute())
            .RequireAuthorization(p => p.RequireRole(Roles.Submitter, Roles.OrganizationAdministrator))
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                http.Response.Headers["Tus-Resumable"] = TusProtocol.Version;
                if (!TusProtocol.SpeaksVersion(http.Request.Method, http.Request.Headers["Tus-Resumable"]))
                {
                    http.Response.Headers["Tus-Version"] = TusProtocol.Version;
                    return TusProtocol.UnsupportedVersion.ToProblem(http);
                }
                try
                {
                    return await next(context);
                }
                catch (RuleViolationException e)
                {
                    // Answered here, not by the exception handler, which would clear Tus-Resumable and Tus-Max-Size.
                    return e.ToProblem(http);
                }
            });

        tus.MapMethods("/", ["OPTIONS"], (HttpContext http, CampaignCatalog campaigns) =>
        {
            http.Response.Headers["Tus-Version"] = TusProtocol.Version;
            http.Response.Headers["Tus-Extension"] = TusProtocol.Extensions;
            http.Response.Headers["Tus-Checksum-Algorithm"] = string.Join(',', TusProtocol.ChecksumAlgorithms);
            http.Response.Headers["Tus-Max-Size"] = campaigns.All.SelectMany(c => c.Categories).Max(c => UploadLimits.For(c).Bytes).ToString(CultureInfo.InvariantCulture);
            return Results.NoContent();
        }).AllowAnonymous().WithSummary("tus discovery: version, extensions, checksum algorithms, maximum size.");

        tus.MapPost("/", Create).WithSummary("tus creation: declare the length and metadata (campaignId, categoryId, filename); too large a file is refused before a byte is sent (V3, R3).");
        tus.MapMethods("/{id:guid}", ["HEAD"], Offset).WithSummary("tus: the offset to resume from.");
        tus.MapPatch("/{id:guid}", Append).WithSummary("tus: append bytes at the offset (application/offset+octet-stream), with an optional Upload-Checksum.");
        tus.MapDelete("/{id:guid}", Terminate).WithSummary("tus termination: abandon an upload and its bytes.");
        tus.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IQuerySession session, IOptions<UploadOptions> options, CancellationToken ct) =>
                await session.LoadAsync<Upload>(id, ct) is { } u && u.CreatedBy == user.UserId()
                    ? Results.Ok(new UploadStatus(u.Id, u.FileName, u.Length, PartFile.OffsetOf(u, options.Value), u.Sha256, u.ExpiresAt))
                    : throw TusProtocol.UploadNotFound)
            .WithSummary("An upload's progress and, once complete, the content address of its file.");
    }

    public sealed record UploadStatus(Guid Id, string FileName, long Length, long Offset, string? Sha256, DateTimeOffset ExpiresAt);

    private static async Task<IResult> Create(HttpContext http, ClaimsPrincipal user, CampaignCatalog campaigns, TimeProvider clock,
        IDocumentSession session, IOptions<UploadOptions> options, CancellationToken ct)
    {
        if (TusProtocol.ParseSize(http.Request.Headers["Upload-Length"]) is not { } length)
            return TusProtocol.LengthRequired.ToProblem(http);
        var metadata = TusProtocol.ParseMetadata(http.Request.Headers["Upload-Metadata"].ToString());
        if (campaigns.Find(metadata.GetValueOrDefault("campaignId") ?? "") is not { } campaign
            || campaign.FindCategory(metadata.GetValueOrDefault("categoryId") ?? "") is not { } category)
            return TusProtocol.UnknownCampaignOrCategory.ToProblem(http);

        var limit = UploadLimits.For(category).Bytes;
        if (length > limit)
        {
            http.Response.Headers["Tus-Max-Size"] = limit.ToString(CultureInfo.InvariantCulture);
            return UploadLimits.TooLarge(category, length).ToProblem(http);
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
        http.Response.Headers["Upload-Offset"] = PartFile.OffsetOf(upload, options.Value).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Length"] = upload.Length.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Expires"] = upload.ExpiresAt.ToString("R");
        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok();
    }

    private static async Task<IResult> Append(Guid id, HttpContext http, ClaimsPrincipal user, IDocumentSession session,
        IOptions<UploadOptions> options, RunningHashes hashes, CancellationToken ct)
    {
        if (http.Request.ContentType != TusProtocol.ChunkContentType)
            return TusProtocol.WrongContentType.ToProblem(http);
        if (await session.LoadAsync<Upload>(id, ct) is not { } upload || upload.CreatedBy != user.UserId())
            return TusProtocol.UploadNotFound.ToProblem(http);
        if (TusProtocol.ParseSize(http.Request.Headers["Upload-Offset"]) is not { } offset)
            return TusProtocol.OffsetRequired.ToProblem(http);
        if (!TusProtocol.TryParseChecksum(http.Request.Headers["Upload-Checksum"], out var checksum))
            return TusProtocol.UnsupportedChecksum.ToProblem(http);

        var o = options.Value;
        FileStream part;
        try
        {
            // FileShare.None: a second PATCH on the same upload at the same time is refused, not interleaved.
            part = new FileStream(o.PartFile(id), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException) { return TusProtocol.UploadNotFound.ToProblem(http); }
        catch (IOException) { return TusProtocol.Busy.ToProblem(http); }

        long written;
        await using (part)
        {
            if (upload.Completed || part.Length != offset)
                return TusProtocol.OffsetMismatch(upload.Completed ? upload.Length : part.Length, offset).ToProblem(http);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
            part.Position = offset;
            var running = hashes.Resume(id, offset);
            using var chunkHash = checksum is null ? null : IncrementalHash.CreateHash(checksum.Algorithm);
            var (received, tooLong) = await PartFile.AppendAsync(http.Request.BodyReader, part, upload.Length - offset, chunkHash, running, ct);
            http.RequestServices.GetRequiredService<UploadMetrics>().Received(upload, received);
            written = offset + received;
            if (tooLong || chunkHash is not null && !chunkHash.GetHashAndReset().AsSpan().SequenceEqual(checksum!.Expected))
            {
                running?.Dispose();
                await part.FlushAsync(CancellationToken.None);
                part.SetLength(offset); // the chunk is discarded; the client sends it again
                return (tooLong ? TusProtocol.TooManyBytes : TusProtocol.ChecksumMismatch).ToProblem(http);
            }
            await part.FlushAsync(CancellationToken.None);
            hashes.Keep(id, written, running);
        }

        if (written == upload.Length) await CompleteAsync(http.RequestServices, session, upload, o, ct, hashes.Finish(id, written));
        http.Response.Headers["Upload-Offset"] = written.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Expires"] = upload.ExpiresAt.ToString("R");
        return Results.NoContent();
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
            return TusProtocol.UploadNotFound.ToProblem(http);
        File.Delete(options.Value.PartFile(id));
        session.Delete(upload);
        await session.SaveChangesAsync(ct);
        return Results.NoContent();
    }
}
