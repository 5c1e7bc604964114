using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using Campaign.ServiceDefaults.Identity;

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

public static class ReviewEndpoints
{
    public static void MapReviewing(this WebApplication app)
    {
        var group = app.MapGroup("/review").WithTags("Review")
            .RequireAuthorization(p => p.RequireRole(Roles.Reviewer, Roles.Organizer));

        group.MapGet("/queue", (string? campaignId, string? categoryId, JudgingDesk desk, CancellationToken ct) =>
                desk.ReviewQueueAsync(campaignId, categoryId, ct))
            .WithSummary("Entries awaiting review, with their media findings (P1).");

        group.MapPost("/{entryId:guid}", (Guid entryId, ReviewRequest request, ClaimsPrincipal user, JudgingDesk desk, CancellationToken ct) =>
                desk.ReviewAsync(entryId, request, user.UserId(), ct))
            .WithSummary("Approve an entry for publication, confirming every human-review item of its category (`checked`), or reject it with a reason (P1).");
    }
}
