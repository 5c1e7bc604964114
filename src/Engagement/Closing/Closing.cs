using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Engagement;
using Campaign.Engagement.Entries;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Engagement.Closing;

public static class ClosingDecision
{
    /// <summary>
    /// E1: every published entry of the category still in the campaign gets its score; a withdrawn
    /// or disqualified one (C1) is neither scored nor counted in the category's scaling.
    /// </summary>
    public static (IReadOnlyList<EngagementScored> Scored, EngagementClosed Closed) Decide(
        CampaignDefinition campaign, string categoryId, IEnumerable<EngagementEntry> entries, string userId, DateTimeOffset now)
    {
        var contenders = entries.Where(e => e.CampaignId == campaign.Id && e.CategoryId == categoryId && e.Published && !e.Excluded)
            .OrderBy(e => e.Id).ToList();
        var scores = EngagementFormulaCalculator.Scores(campaign.Engagement, contenders.ToDictionary(e => e.Id, e => e.Totals()));
        var scored = contenders.Select(e => new EngagementScored(e.Id, campaign.Id, categoryId, e.Totals(), scores[e.Id], campaign.Engagement.Version, now)).ToList();
        return (scored, new EngagementClosed(campaign.Id, categoryId, contenders.Select(e => e.Id).ToList(), userId, now));
    }
}

public static class ClosingEndpoints
{
    public static void MapClosing(this WebApplication app) =>
        app.MapPost("/engagement/{campaignId}/{categoryId}/close", async (string campaignId, string categoryId, ClaimsPrincipal user,
                CampaignCatalog campaigns, TimeProvider clock, IDocumentSession session, CancellationToken ct) =>
            {
                if (campaigns.Find(campaignId) is not { } campaign || campaign.FindCategory(categoryId) is null)
                    throw Refusal.NotFound("没有这个类别", "Unknown category");
                var categoryStream = StreamIds.ForCategory(campaignId, categoryId);
                if (await session.Events.FetchStreamStateAsync(categoryStream, ct) is not null)
                    throw new RuleViolationException("E1", "本类别的网络传播评分已结束。", "Engagement of this category is already closed.", 409);

                var entries = await session.Query<EngagementEntry>()
                    .Where(e => e.CampaignId == campaignId && e.CategoryId == categoryId && !e.Excluded).ToListAsync(ct);
                var (scored, closed) = ClosingDecision.Decide(campaign, categoryId, entries, user.UserId(), clock.GetUtcNow());
                // Version-checked: an exclusion or a snapshot committed since the query makes this close conflict, not score a stale entry.
                var versions = entries.ToDictionary(e => e.Id, e => e.Version);
                foreach (var score in scored)
                    session.Events.Append(score.EntryId, versions[score.EntryId] + 1, score);
                session.Events.StartStream(categoryStream, closed);
                await session.SaveChangesAsync(ct);
                return Results.Ok(closed);
            })
            .WithTags("Closing")
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer))
            .WithSummary("Close engagement of a category: every published entry still in the campaign gets its E1 score.");
}
