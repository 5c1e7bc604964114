using Campaign.Campaigns;
using Marten;

namespace Campaign.Judging.Panels;

public sealed record SetPanelRequest(IReadOnlyList<Judge> Judges);

/// <summary>J1: the organizer names the category's judges at once, through the API.</summary>
public static class SetPanel
{
    public static void MapSetPanel(this RouteGroupBuilder panels) =>
        panels.MapPut("/", (string campaignId, string categoryId, SetPanelRequest request, IDocumentSession session, CampaignCatalog campaigns,
                TimeProvider clock, CancellationToken ct) =>
                session.ChangePanelAsync(campaigns, campaignId, categoryId,
                    (category, current) => PanelDecisions.Set(category, current, campaignId, request.Judges), clock.GetUtcNow(), ct))
            .WithSummary("Name the category's judges at once (J1); each judge's organization excludes them from its entries.");
}
