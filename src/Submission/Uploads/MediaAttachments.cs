using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Marten;

namespace Campaign.Submission.Uploads;

/// <summary>A finished upload attached to an entry: "work" for a video or recitation, "work-photo" or "award-photo" with the worker's name as caption (S2).</summary>
public sealed record AttachedMedia(Guid UploadId, string Role, string? Caption = null);

public static class MediaAttachments
{
    /// <summary>Finished uploads of the caller, for this campaign and category, as media references.</summary>
    public static async Task<IReadOnlyList<MediaReference>> ResolveAsync(IQuerySession session, IReadOnlyList<AttachedMedia> media,
        string campaignId, string categoryId, string userId, CancellationToken ct)
    {
        if (media.Count == 0) return []; // a story: no round trip to the database
        var uploads = (await session.LoadManyAsync<Upload>(ct, media.Select(m => m.UploadId).ToArray())).ToDictionary(u => u.Id);
        return media.Select((m, i) => uploads.GetValueOrDefault(m.UploadId) is { Completed: true } u && u.CreatedBy == userId
                                      && u.CampaignId == campaignId && u.CategoryId == categoryId
                ? new MediaReference(UserText.Clean($"media[{i}].role", m.Role, UserText.Name) ?? "", u.Sha256!, u.Length, u.FileName,
                    UserText.Clean($"media[{i}].caption", m.Caption, UserText.Caption))
                : throw new InvalidInputException($"media[{i}].uploadId", $"上传 {m.UploadId} 不是您在此子项目已完成的上传。",
                    $"Upload {m.UploadId} is not a finished upload of yours for this category."))
            .ToList();
    }
}
