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
using Microsoft.Win32.SafeHandles;

namespace Campaign.Submission.Uploads;

/// <summary>
/// The tus 1.0 resumable upload protocol — core, creation, creation-with-upload, termination, checksum,
/// expiration, concatenation, and X-HTTP-Method-Override — so the off-the-shelf tus clients of web
/// pages, mini-programs and apps can resume. Bytes are
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

        tus.MapMethods("/", ["OPTIONS"], (HttpContext http, CampaignCatalog campaigns, string? campaignId, string? categoryId) =>
        {
            http.Response.Headers["Tus-Version"] = TusProtocol.Version;
            http.Response.Headers["Tus-Extension"] = TusProtocol.Extensions;
            http.Response.Headers["Tus-Checksum-Algorithm"] = string.Join(',', TusProtocol.ChecksumAlgorithms);
            var category = campaigns.Find(campaignId ?? "")?.FindCategory(categoryId ?? "") ?? UploadLimits.Largest(campaigns);
            http.Response.Headers["Tus-Max-Size"] = UploadLimits.For(category).Bytes.ToString(CultureInfo.InvariantCulture);
            return Results.NoContent();
        }).AllowAnonymous().WithSummary("tus discovery: version, extensions, checksum algorithms, maximum size (of ?campaignId=…&categoryId=…, else the largest of any category: V3, R3).");

        tus.MapPost("/", Create).WithSummary("tus creation: declare the length and metadata (campaignId, categoryId, filename); too large a file is refused before a byte is sent (V3, R3). "
            + "The first bytes may come in the same request (creation-with-upload); Upload-Concat: partial / final;… joins parts sent on several connections (concatenation).");
        tus.MapPost("/{id:guid}", Override).WithSummary("tus X-HTTP-Method-Override: PATCH, HEAD or DELETE sent as POST by clients that cannot send them (WeChat mini-programs, HttpURLConnection).");
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
        IDocumentSession session, IOptions<UploadOptions> options, RunningHashes hashes, IMediaStore store, CancellationToken ct)
    {
        if (!TusProtocol.TryParseConcat(http.Request.Headers["Upload-Concat"], out var concat))
            return TusProtocol.InvalidConcat.ToProblem(http);
        var metadata = TusProtocol.ParseMetadata(http.Request.Headers["Upload-Metadata"].ToString());
        if (concat is { Partial: false })
            return await Concatenation.CreateFinalAsync(http, user, concat.Parts, metadata, campaigns, clock, session, store, options.Value, ct);
        if (TusProtocol.ParseSize(http.Request.Headers["Upload-Length"]) is not { } length)
            return TusProtocol.LengthRequired.ToProblem(http);
        if (!TusProtocol.TryParseChecksum(http.Request.Headers["Upload-Checksum"], out var checksum))
            return TusProtocol.UnsupportedChecksum.ToProblem(http);

        // A part sent without metadata (tus-js-client's default) is held to the largest limit; its final upload to its category's.
        var partial = concat is { Partial: true };
        var named = !partial || metadata.ContainsKey("campaignId");
        var campaign = campaigns.Find(metadata.GetValueOrDefault("campaignId") ?? "");
        var category = named ? campaign?.FindCategory(metadata.GetValueOrDefault("categoryId") ?? "") : UploadLimits.Largest(campaigns);
        if (category is null) return TusProtocol.UnknownCampaignOrCategory.ToProblem(http);
        var limit = UploadLimits.For(category).Bytes;
        if (length > limit)
        {
            http.Response.Headers["Tus-Max-Size"] = limit.ToString(CultureInfo.InvariantCulture);
            return UploadLimits.TooLarge(category, length).ToProblem(http);
        }
        var now = clock.GetUtcNow();
        if (named) SubmissionWindow.Check(campaign!, category, now);

        var o = options.Value;
        var upload = new Upload(Guid.CreateVersion7(), named ? campaign!.Id : "", named ? category.Id : "",
            TusProtocol.FileName(metadata), length, user.UserId(), now, now + o.ExpireAfter, Partial: partial);
        Directory.CreateDirectory(o.Root);
        await File.WriteAllBytesAsync(o.PartFile(upload.Id), [], ct);
        session.Store(upload);
        await session.SaveChangesAsync(ct);

        http.Response.Headers["Upload-Expires"] = upload.ExpiresAt.ToString("R");
        if (http.Request.ContentType == TusProtocol.ChunkContentType)
        {
            // creation-with-upload: the offset says how much of the body was kept (none after a checksum mismatch); the client goes on from there.
            var (offset, _) = await ReceiveAsync(http, upload, 0, checksum, session, o, hashes, ct);
            http.Response.Headers["Upload-Offset"] = offset.ToString(CultureInfo.InvariantCulture);
        }
        else if (length == 0 && !partial) await CompleteAsync(http.RequestServices, session, upload, o, ct);
        return Results.Created($"/uploads/{upload.Id}", null);
    }

    private static async Task<IResult> Offset(Guid id, HttpContext http, ClaimsPrincipal user, IQuerySession session, IOptions<UploadOptions> options, CancellationToken ct)
    {
        if (await session.LoadAsync<Upload>(id, ct) is not { } upload || upload.CreatedBy != user.UserId())
            return Results.NotFound();
        http.Response.Headers["Upload-Offset"] = PartFile.OffsetOf(upload, options.Value).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Length"] = upload.Length.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Expires"] = upload.ExpiresAt.ToString("R");
        if (upload.Partial) http.Response.Headers["Upload-Concat"] = "partial";
        if (upload.Parts is { } parts) http.Response.Headers["Upload-Concat"] = "final;" + string.Join(' ', parts.Select(p => $"/uploads/{p}"));
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
        if (upload.Parts is not null)
            return TusProtocol.FinalUploadIsClosed.ToProblem(http);
        if (TusProtocol.ParseSize(http.Request.Headers["Upload-Offset"]) is not { } offset)
            return TusProtocol.OffsetRequired.ToProblem(http);
        if (!TusProtocol.TryParseChecksum(http.Request.Headers["Upload-Checksum"], out var checksum))
            return TusProtocol.UnsupportedChecksum.ToProblem(http);

        var (written, refused) = await ReceiveAsync(http, upload, offset, checksum, session, options.Value, hashes, ct);
        if (refused is not null) return refused.ToProblem(http);
        http.Response.Headers["Upload-Offset"] = written.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["Upload-Expires"] = upload.ExpiresAt.ToString("R");
        return Results.NoContent();
    }

    /// <summary>The request body appended at <paramref name="offset"/> (PATCH, or creation-with-upload): the upload's offset afterwards, or why not.</summary>
    private static async Task<(long Offset, Refusal? Refused)> ReceiveAsync(HttpContext http, Upload upload, long offset, TusProtocol.Checksum? checksum,
        IDocumentSession session, UploadOptions o, RunningHashes hashes, CancellationToken ct)
    {
        SafeFileHandle part;
        try
        {
            // FileShare.None: a second PATCH on the same upload at the same time is refused, not interleaved.
            part = File.OpenHandle(o.PartFile(upload.Id), FileMode.Open, FileAccess.ReadWrite, FileShare.None, FileOptions.Asynchronous);
        }
        catch (FileNotFoundException) { return (0, TusProtocol.UploadNotFound); }
        catch (IOException) { return (0, TusProtocol.Busy); }

        long written;
        using (part)
        {
            var length = RandomAccess.GetLength(part);
            if (upload.Completed || length != offset)
                return (offset, TusProtocol.OffsetMismatch(upload.Completed ? upload.Length : length, offset));
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
            // A part's hash would not make its final upload's: only whole uploads keep a running SHA-256.
            var running = upload.Partial ? null : hashes.Resume(upload.Id, offset);
            using var chunkHash = checksum is null ? null : IncrementalHash.CreateHash(checksum.Algorithm);
            var appended = await PartFile.AppendAsync(http.Request.BodyReader, part, offset, upload.Length - offset,
                PartFile.BatchFor(http), chunkHash, running, ct);
            http.RequestServices.GetRequiredService<UploadMetrics>().Received(upload, appended.Received);
            written = offset + appended.Received;
            if (appended.TooLong || chunkHash is not null && (!appended.Hashed || !chunkHash.GetHashAndReset().AsSpan().SequenceEqual(checksum!.Expected)))
            {
                running?.Dispose();
                RandomAccess.SetLength(part, offset); // the chunk is discarded; the client sends it again
                return (offset, appended.TooLong ? TusProtocol.TooManyBytes : TusProtocol.ChecksumMismatch);
            }
            if (!appended.Hashed)
            {
                // A failed write: the file keeps what was written before it, and is hashed again when it completes.
                running?.Dispose();
                running = null;
                RandomAccess.SetLength(part, written);
            }
            hashes.Keep(upload.Id, written, running);
        }

        if (written == upload.Length && !upload.Partial) await CompleteAsync(http.RequestServices, session, upload, o, ct, hashes.Finish(upload.Id, written));
        return (written, null);
    }

    /// <summary>Clients that cannot send PATCH, HEAD or DELETE (tus 1.0, X-HTTP-Method-Override) get the same checks and answers through POST.</summary>
    private static Task<IResult> Override(Guid id, HttpContext http, ClaimsPrincipal user, IDocumentSession session,
        IOptions<UploadOptions> options, RunningHashes hashes, CancellationToken ct) =>
        http.Request.Headers["X-HTTP-Method-Override"].ToString().Trim().ToUpperInvariant() switch
        {
            "PATCH" => Append(id, http, user, session, options, hashes, ct),
            "HEAD" => Offset(id, http, user, session, options, ct),
            "DELETE" => Terminate(id, http, user, session, options, ct),
            _ => Task.FromResult(TusProtocol.UnsupportedOverride.ToProblem(http)),
        };

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
