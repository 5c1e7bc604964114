using Campaign.Campaigns;
using Marten;

namespace Campaign.Judging.Panels;

/// <summary>J1: the organizer removes a judge who dropped out; their works go to the others.</summary>
public static class RemoveJudge
{
    /// <summary>The judge's invitations to this panel are revoked with their seat: their link signs them in again
    /// only while they sit on the panel, and never seats them again (a new invitation does).</summary>
    public static async Task<Panel> HandleAsync(IDocumentSession session, CampaignCatalog campaigns, string campaignId, string categoryId, string judgeId,
        DateTimeOffset now, CancellationToken ct)
    {
        var invitations = await session.Query<Invitation>()
            .Where(i => i.CampaignId == campaignId && i.CategoryId == categoryId && i.JudgeId == judgeId && !i.Revoked).ToListAsync(ct);
        return await session.ChangePanelAsync(campaigns, campaignId, categoryId, (category, current) =>
        {
            var panel = PanelDecisions.Leave(category, current, judgeId);
            foreach (var invitation in invitations) session.Store(invitation with { Revoked = true });
            return panel;
        }, now, ct);
    }

    public static void MapRemoveJudge(this RouteGroupBuilder panels) =>
        panels.MapDelete("/judges/{judgeId}", (string campaignId, string categoryId, string judgeId, IDocumentSession session, CampaignCatalog campaigns,
                TimeProvider clock, CancellationToken ct) => HandleAsync(session, campaigns, campaignId, categoryId, judgeId, clock.GetUtcNow(), ct))
            .WithSummary("Remove a judge from the panel (J1): their works go to the others; on works not yet judged, their scores no longer count.");
}
