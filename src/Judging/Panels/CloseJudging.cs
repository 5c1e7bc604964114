using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Judging.Panels;

/// <summary>J2: the organizer closes judging of a category: no more scores; the entries judged by then go on to awards.</summary>
public static class CloseJudging
{
    /// <summary>Closes with every entry judged by then: an entry judged after the panel was read makes the panel's
    /// version check fail, and closing is decided again (<see cref="PanelWrites"/>).</summary>
    public static Task<JudgingClosed> HandleAsync(IDocumentSession session, CampaignCatalog campaigns, string campaignId, string categoryId,
        string userId, DateTimeOffset now, CancellationToken ct) => session.RetryingAsync(async () =>
    {
        var category = campaigns.Category(campaignId, categoryId);
        var panel = await session.PanelAsync(campaignId, categoryId, ct) ?? throw Refusal.NotFound("该类别尚无评委会。", "No panel for this category.");
        var judged = (await session.EntriesInCategoryAsync(campaignId, categoryId, ct)).Where(e => e.Judged && !e.Excluded);
        var closed = PanelDecisions.Close(category, panel, judged, userId, now);
        session.Store(panel with { Closed = true });
        // Judging closes once: a second closing collides on the stream.
        session.Events.StartStream(StreamIds.ForCategory(campaignId, categoryId), closed);
        await session.SaveChangesAsync(ct);
        return closed;
    }, ct);

    public static void MapCloseJudging(this RouteGroupBuilder panels) =>
        panels.MapPost("/close", (string campaignId, string categoryId, ClaimsPrincipal user, IDocumentSession session, CampaignCatalog campaigns,
                TimeProvider clock, CancellationToken ct) => HandleAsync(session, campaigns, campaignId, categoryId, user.UserId(), clock.GetUtcNow(), ct))
            .WithSummary("Close judging of the category: no more scores; the judged entries go on to awards.");
}
