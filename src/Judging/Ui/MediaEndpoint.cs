using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Judging.Entries;
using Campaign.Judging.Scoring;
using Campaign.ServiceDefaults.Http;
using Campaign.ServiceDefaults.Identity;
using Campaign.Media;
using Marten;

namespace Campaign.Judging.Ui;

/// <summary>
/// Plays a work's media in the browser from the media store, with HTTP range requests so that
/// seeking works. A judge gets only the media of entries assigned to them; reviewers and
/// organizers get any entry's.
/// </summary>
public static class MediaEndpoint
{
    public static void MapMedia(this WebApplication app) =>
        app.MapGet("/ui/media/{entryId:guid}/{sha256}", async (Guid entryId, string sha256, ClaimsPrincipal user,
                IDocumentSession session, IMediaStore store, HttpContext http, CancellationToken ct) =>
            {
                var entry = user.IsInRole(Roles.Reviewer) || user.IsInRole(Roles.Organizer)
                    ? await session.SubmittedEntryAsync(entryId, ct)
                    : (await session.AssignedEntryAsync(entryId, user.UserId(), ct)).Entry;
                if (entry.Media?.FirstOrDefault(m => m.Sha256 == sha256) is not { } media)
                    throw Refusal.NotFound("文件不存在。", "No such file.");
                var contentType = ContentTypeOf(media.FileName);
                // An object store serves the bytes itself, through a signed short-lived address.
                if (await store.GetDownloadUrlAsync(sha256, contentType, ct) is { } url) return Results.Redirect(url.ToString());
                if (await store.GetLocalPathAsync(sha256, ct) is not { } path) throw Refusal.NotFound("文件不存在。", "No such file.");
                http.Response.Headers.CacheControl = "private, max-age=3600";
                return Results.File(path, contentType, enableRangeProcessing: true);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Judge, Roles.Reviewer, Roles.Organizer))
            .ExcludeFromDescription();

    public static string ContentTypeOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".mp4" or ".m4v" => "video/mp4",
        ".mov" => "video/quicktime",
        ".mkv" => "video/x-matroska",
        ".webm" => "video/webm",
        ".m4a" => "audio/mp4",
        ".mp3" => "audio/mpeg",
        ".wav" => "audio/wav",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".heic" => "image/heic",
        _ => "application/octet-stream",
    };
}
