using Campaign.Campaigns;
using Campaign.Judging.Entries;
using Marten;

namespace Campaign.Judging.Panels;

/// <summary>What organizers read of a category's panel: its judges, their invitations, how far judging is.</summary>
public static class PanelQueries
{
    public static Task<Panel?> PanelAsync(this IQuerySession session, string campaignId, string categoryId, CancellationToken ct) =>
        session.LoadAsync<Panel>(Panel.IdFor(campaignId, categoryId), ct);

    /// <summary>The report of the category's panel, or null while it has none.</summary>
    public static async Task<PanelReport?> ReportAsync(this IQuerySession session, CampaignCatalog campaigns, string campaignId, string categoryId, CancellationToken ct) =>
        await session.PanelAsync(campaignId, categoryId, ct) is { } panel
            ? PanelReport.Build(campaigns.Campaign(campaignId), campaigns.Category(campaignId, categoryId), panel,
                await session.EntriesInCategoryAsync(campaignId, categoryId, ct))
            : null;

    public static async Task<IReadOnlyList<Invitation>> InvitationsAsync(this IQuerySession session, string campaignId, string categoryId, CancellationToken ct) =>
        await session.Query<Invitation>().Where(i => i.CampaignId == campaignId && i.CategoryId == categoryId)
            .OrderBy(i => i.InvitedAt).ToListAsync(ct);

    public static void MapPanelQueries(this RouteGroupBuilder panels)
    {
        panels.MapGet("/", async (string campaignId, string categoryId, IDocumentSession session, CancellationToken ct) =>
                await session.PanelAsync(campaignId, categoryId, ct) ?? throw NoPanel())
            .WithSummary("The category's judges (J1).");

        panels.MapGet("/report", async (string campaignId, string categoryId, IDocumentSession session, CampaignCatalog campaigns, CancellationToken ct) =>
                await session.ReportAsync(campaigns, campaignId, categoryId, ct) ?? throw NoPanel())
            .WithSummary("Progress per judge and entry, the judges' disagreement, outlier judges and understaffed entries.");
    }

    private static Refusal NoPanel() => Refusal.NotFound("该类别尚无评委会", "No panel for this category yet");
}
