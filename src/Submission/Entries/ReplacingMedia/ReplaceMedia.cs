using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Identity;
using Campaign.Submission.Uploads;
using Marten;

namespace Campaign.Submission.Entries.ReplacingMedia;

public sealed record ReplaceMediaRequest(IReadOnlyList<AttachedMedia> Media);

public static class ReplaceMediaDecision
{
    /// <summary>
    /// Before the deadline (T1) and while the work is still in review (P1: not approved, published or
    /// judged), new files replace the old and are checked and reviewed again.
    /// </summary>
    public static EntryMediaChanged Decide(CampaignDefinition campaign, Entry entry, IReadOnlyList<MediaReference> media, string userId, DateTimeOffset now)
    {
        var category = campaign.FindCategory(entry.CategoryId)!;
        SubmissionWindow.Check(campaign, category, now);
        if (entry.Status is not (EntryStatus.Submitted or EntryStatus.MediaChecked or EntryStatus.Rejected) || entry.IsJudged)
            throw new RuleViolationException("P1", $"作品当前状态为{entry.Status}，不能再更换文件。", $"The entry is {entry.Status}; its files can no longer be replaced.", 409);
        if (category.Kind != CategoryKinds.Story && !media.Any(m => m.Role == MediaRoles.Work))
            throw new RuleViolationException(category.FormatRule, "请附上作品文件（role 为 \"work\"）。", "Attach the work's file (role \"work\").");
        return new EntryMediaChanged(entry.Id, entry.CampaignId, entry.CategoryId, media, userId, now);
    }
}

public static class ReplaceMediaEndpoint
{
    public static void MapReplaceMedia(this RouteGroupBuilder entries) =>
        entries.MapPut("/{id:guid}/media", async (Guid id, ReplaceMediaRequest request, ClaimsPrincipal user, CampaignCatalog campaigns,
                TimeProvider clock, IDocumentSession session, CancellationToken ct) =>
            {
                var replaced = await session.GetAndUpdate<Entry>(id, async entry =>
                {
                    if (entry is null || !user.ActsFor(entry)) return null;
                    var media = await MediaAttachments.ResolveAsync(session, InvalidInputException.NoNulls(request.Media, "media"),
                        entry.CampaignId, entry.CategoryId, user.UserId(), ct);
                    return [ReplaceMediaDecision.Decide(campaigns.Find(entry.CampaignId)!, entry, media, user.UserId(), clock.GetUtcNow())];
                }, ct);
                return replaced ? Results.Accepted($"/entries/{id}") : throw Refusal.NotFound("作品不存在", "Entry not found");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Submitter, Roles.OrganizationAdministrator))
            .WithName("ReplaceMedia")
            .WithSummary("Replace an entry's files before the deadline; the new files are checked again.")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
}
