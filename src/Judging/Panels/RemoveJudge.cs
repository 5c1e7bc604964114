using Campaign.Campaigns;
using Marten;

namespace Campaign.Judging.Panels;

/// <summary>J1: the organizer removes a judge who dropped out; their works go to the others.</summary>
public static class RemoveJudge
{
    public static Task<Panel> HandleAsync(IDocumentSession session, CampaignCatalog campaigns, string campaignId, string categoryId, string judgeId,
        DateTimeOffset now, CancellationToken ct) =>
        session.ChangePanelAsync(campaigns, campaignId, categoryId, (category, current) => PanelDecisions.Leave(category, current, judgeId), now, ct);

    public static void MapRemoveJudge(this RouteGroupBuilder panels) =>
        panels.MapDelete("/judges/{judgeId}", (string campaignId, string categoryId, string judgeId, IDocumentSession session, CampaignCatalog campaigns,
                TimeProvider clock, CancellationToken ct) => HandleAsync(session, campaigns, campaignId, categoryId, judgeId, clock.GetUtcNow(), ct))
            .WithSummary("Remove a judge from the panel (J1): their works go to the others; on works not yet judged, their scores no longer count.");
}
