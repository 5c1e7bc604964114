using System.Globalization;
using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Media;
using Campaign.ServiceDefaults.Http;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Submission.Uploads;

/// <summary>
/// The tus concatenation extension: a client (tus-js-client's <c>parallelUploads</c>) sends parts of a file
/// on several connections as partial uploads, then asks for the final upload that joins them, in order.
/// The limits (V3, R3) and the window (T1) are checked on the final length; the media store joins the
/// part files, copying as few bytes as it can.
/// </summary>
public static class Concatenation
{
    public static async Task<IResult> CreateFinalAsync(HttpContext http, ClaimsPrincipal user, IReadOnlyList<Guid> partIds,
        Dictionary<string, string> metadata, CampaignCatalog campaigns, TimeProvider clock, IDocumentSession session, IMediaStore store,
        UploadOptions o, CancellationToken ct)
    {
        if (campaigns.Find(metadata.GetValueOrDefault("campaignId") ?? "") is not { } campaign
            || campaign.FindCategory(metadata.GetValueOrDefault("categoryId") ?? "") is not { } category)
            return TusProtocol.UnknownCampaignOrCategory.ToProblem(http);
        if (partIds.Distinct().Count() != partIds.Count)
            return TusProtocol.InvalidConcat.ToProblem(http);
        var fileName = TusProtocol.FileName(metadata);

        var uploads = (await session.LoadManyAsync<Upload>(ct, partIds.ToArray())).ToDictionary(u => u.Id);
        var userId = user.UserId();
        foreach (var id in partIds)
        {
            // A part named for another campaign or category was checked against another limit and window.
            if (uploads.GetValueOrDefault(id) is not { Partial: true } part || part.CreatedBy != userId
                || part.CampaignId is not "" && (part.CampaignId != campaign.Id || part.CategoryId != category.Id)
                || PartFile.OffsetOf(part, o) != part.Length)
                return TusProtocol.PartNotFinished(id).ToProblem(http);
        }

        var length = partIds.Sum(id => uploads[id].Length);
        var limit = UploadLimits.For(category).Bytes;
        if (length > limit)
        {
            http.Response.Headers["Tus-Max-Size"] = limit.ToString(CultureInfo.InvariantCulture);
            return UploadLimits.TooLarge(category, length).ToProblem(http);
        }
        var now = clock.GetUtcNow();
        SubmissionWindow.Check(campaign, category, now);

        MediaBlob blob;
        try
        {
            blob = await store.ImportPartsAsync(partIds.Select(o.PartFile).ToList(), ct);
        }
        catch (FileNotFoundException)
        {
            return TusProtocol.UploadNotFound.ToProblem(http); // another final upload took the parts first
        }
        var upload = new Upload(Guid.CreateVersion7(), campaign.Id, category.Id, fileName,
            length, userId, now, now + o.ExpireAfter, blob.Sha256, Parts: partIds);
        session.Store(upload);
        foreach (var id in partIds) session.Delete<Upload>(id);
        await session.SaveChangesAsync(ct);
        return Results.Created($"/uploads/{upload.Id}", null);
    }
}
