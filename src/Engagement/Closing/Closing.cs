using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Engagement;
using Campaign.Engagement.Entries;
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
                    return Results.Problem(statusCode: 404, title: "Unknown category");
                var categoryStream = StreamIds.ForCategory(campaignId, categoryId);
                if (await session.Events.FetchStreamStateAsync(categoryStream, ct) is not null)
                    throw new RuleViolationException("E1", "Engagement of this category is already closed.", 409);

                var entries = await session.Query<EngagementEntry>()
                    .Where(e => e.CampaignId == campaignId && e.CategoryId == categoryId && !e.Excluded).ToListAsync(ct);
                var now = clock.GetUtcNow();
                var scores = EngagementFormulaCalculator.Scores(campaign.Engagement, entries.ToDictionary(e => e.Id, e => e.Totals()));
                foreach (var entry in entries)
                    session.Events.Append(entry.Id, new EngagementScored(entry.Id, campaignId, categoryId, entry.Totals(),
                        scores[entry.Id], campaign.Engagement.Version, now));
                var closed = new EngagementClosed(campaignId, categoryId, entries.Select(e => e.Id).Order().ToList(), user.UserId(), now);
                session.Events.StartStream(categoryStream, closed);
                await session.SaveChangesAsync(ct);
                return Results.Ok(closed);
            })
            .WithTags("Closing")
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer))
            .WithSummary("Close engagement of a category: every published entry gets its E1 score.");
}
