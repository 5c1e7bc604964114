using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Judging.Entries;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Judging.Scoring;

public sealed record ScoreRequest(decimal Score, string? Comment = null);

/// <summary>J2: an assigned judge saves a draft score of the entry, which they may change until they submit it.</summary>
public static class ScoreEntry
{
    public static async Task HandleAsync(IDocumentSession session, CampaignCatalog campaigns, Guid entryId, string judgeId, ScoreRequest request,
        DateTimeOffset now, CancellationToken ct)
    {
        if (!await session.GetAndUpdate<JudgingEntry>(entryId, async entry =>
                await session.PanelIfAssignedAsync(entry, judgeId, ct) is { } panel
                    ? [ScoreDecisions.Draft(campaigns.CampaignOf(entry!), panel, entry!, judgeId, request, now)]
                    : null, ct))
            throw EntryQueries.EntryNotFound();
    }

    public static void MapScoreEntry(this RouteGroupBuilder judging) =>
        judging.MapPut("/entries/{entryId:guid}/score", async (Guid entryId, ScoreRequest request, ClaimsPrincipal user,
                IDocumentSession session, CampaignCatalog campaigns, TimeProvider clock, CancellationToken ct) =>
            {
                await HandleAsync(session, campaigns, entryId, user.UserId(), request, clock.GetUtcNow(), ct);
                return Results.NoContent();
            })
            .WithSummary("Score an assigned work from 0 to 100 with an optional comment (J2); editable until submitted.");
}
