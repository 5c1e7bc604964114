using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Engagement;
using Campaign.Engagement.Entries;
using Campaign.Engagement.Snapshots;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Engagement.Closing;

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

                var ids = await session.Query<EngagementEntry>()
                    .Where(e => e.CampaignId == campaignId && e.CategoryId == categoryId && !e.Excluded).Select(e => e.Id).ToListAsync(ct);
                // The versions before the state (EntryStreams): anything committed after them makes this close conflict.
                var versions = await EntryStreams.VersionsAsync(session, ids, ct);
                var entries = await SnapshotTable.WithSnapshotsAsync(session, await session.LoadManyAsync<EngagementEntry>(ct, ids), ct);
                var (scored, closed) = ClosingDecision.Decide(campaign, categoryId, entries, user.UserId(), clock.GetUtcNow());
                // Version-checked: an exclusion or a snapshot committed since the query makes this close conflict, not score a stale entry.
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
