using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using Campaign.Judging.Panels;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Judging.Reviewing;

/// <summary>P1: <see cref="Checked"/> names the category's human-review items the reviewer confirmed; approving needs all of them.</summary>
public sealed record ReviewRequest(bool Approved, string? Reason = null, IReadOnlyList<string>? Checked = null);

public static class ReviewDecision
{
    /// <summary>P1: a work is reviewed (审核) once its media passed or need a person's eye; a rejection says why.</summary>
    public static EntryReviewed Decide(JudgingEntry entry, Category category, ReviewRequest request, string reviewer, DateTimeOffset now)
    {
        if (!entry.AwaitingReview)
            throw entry.Excluded
                ? new RuleViolationException("P1", "作品已撤回或被取消资格。", "The entry was withdrawn or disqualified.", 409)
                : new RuleViolationException("P1", "作品不在待审核状态。", $"The entry is not awaiting review (it is {entry.Review}).", 409);
        var reason = UserText.Clean("reason", request.Reason, UserText.Reason, multiline: true);
        if (!request.Approved && reason is null)
            throw new RuleViolationException("P1", "不通过审核需要写明理由，投稿人会看到。", "A rejection needs a reason the submitter will see.");
        // P1: the reviewer confirms every human-review item of the category before approving — through the API as in the UI.
        var missing = category.HumanReviewItems.Except(request.Checked ?? []).ToList();
        if (request.Approved && missing.Count > 0)
            throw new RuleViolationException("P1", $"请先确认审核要点：{string.Join("、", missing)}。", $"Confirm the review items first: {string.Join(", ", missing)}.");
        return new EntryReviewed(entry.Id, entry.CampaignId, entry.CategoryId, request.Approved, reason, reviewer, now);
    }
}

/// <summary>P1: a reviewer approves or rejects a work, by the API or the review page; an approved work goes to the
/// judges of its category, if it has an open panel.</summary>
public static class ReviewEntry
{
    public static async Task<EntryReviewed> HandleAsync(IDocumentSession session, CampaignCatalog campaigns, Guid entryId, ReviewRequest request,
        string reviewerId, DateTimeOffset now, CancellationToken ct)
    {
        var entry = await session.SubmittedEntryAsync(entryId, ct);
        var reviewed = ReviewDecision.Decide(entry, campaigns.CategoryOf(entry), request, reviewerId, now);
        var panel = reviewed.Approved ? await session.PanelAsync(entry.CampaignId, entry.CategoryId, ct) : null;
        var replanned = panel is { Closed: false } ? await session.ReplanAsync(campaigns.CampaignOf(entry), panel, now, ct, entry.Apply(reviewed)) : [];
        session.AppendJudging(panel, [new(entry, reviewed), .. replanned]);
        await session.SaveChangesAsync(ct);
        return reviewed;
    }

    public static void MapReviewEntry(this RouteGroupBuilder review) =>
        review.MapPost("/{entryId:guid}", (Guid entryId, ReviewRequest request, ClaimsPrincipal user, IDocumentSession session,
                CampaignCatalog campaigns, TimeProvider clock, CancellationToken ct) =>
                HandleAsync(session, campaigns, entryId, request, user.UserId(), clock.GetUtcNow(), ct))
            .WithSummary("Approve an entry for publication, confirming every human-review item of its category (`checked`), or reject it with a reason (P1).");
}
