using Campaign.Campaigns;
using Campaign.Engagement.Closing;
using Campaign.Engagement.Entries;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Engagement.Snapshots;

/// <summary>A work's figures as organizers examine them: every snapshot per platform with its state, the flags and the exclusions.</summary>
public sealed record EntryFigures(Guid EntryId, string CampaignId, string CategoryId, DateTimeOffset Cutoff, IReadOnlyList<PlatformHistory> Platforms,
    IReadOnlyList<FiguresFlag> Flags, IReadOnlyList<FiguresExcluded> Exclusions, decimal? Score);

public static class EntryFiguresEndpoints
{
    public static void MapEntryFigures(this WebApplication app)
    {
        app.MapGet("/engagement/entries/{entryId:guid}/figures", async (Guid entryId, CampaignCatalog campaigns, TimeProvider clock, IQuerySession session, CancellationToken ct) =>
                Results.Ok((await FiguresQuery.EntryAsync(session, campaigns, entryId, clock.GetUtcNow(), ct)).Figures))
            .WithTags("Figures")
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer))
            .WithSummary("A work's snapshots per platform over time (each applied, decreasing, after the cutoff or excluded), its flags with their evidence, and the exclusions (E1).");

        app.MapGet("/engagement/{campaignId}/{categoryId}/flags", async (string campaignId, string categoryId, CampaignCatalog campaigns, TimeProvider clock,
                IQuerySession session, CancellationToken ct) =>
            {
                if (campaigns.Find(campaignId) is not { } campaign || campaign.FindCategory(categoryId) is null)
                    throw Refusal.NotFound("没有这个类别", "Unknown category");
                return Results.Ok((await FiguresQuery.FlagsAsync(session, campaign, categoryId, clock.GetUtcNow(), ct)).Flags);
            })
            .WithTags("Figures")
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer))
            .WithSummary("Every manipulation flag of a category with its evidence (E1).");
    }
}
