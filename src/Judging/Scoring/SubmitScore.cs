using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using Campaign.Judging.Panels;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Judging.Scoring;

/// <summary>J2: the judge hands in their score, which can then no longer change; the last judge's submission judges
/// the entry — serialized with closing on the panel (<see cref="PanelWrites"/>), and decided again if closing won.</summary>
public static class SubmitScore
{
    /// <summary>With <paramref name="final"/>, the score as the judge last typed it, saved first if it differs from the
    /// draft, in the same transaction.</summary>
    public static Task<EntryJudged?> HandleAsync(IDocumentSession session, CampaignCatalog campaigns, Guid entryId, string judgeId,
        ScoreRequest? final, DateTimeOffset now, CancellationToken ct) => session.RetryingAsync(async () =>
    {
        var (entry, panel) = await session.AssignedEntryAsync(entryId, judgeId, ct);
        var campaign = campaigns.CampaignOf(entry);
        List<Decided> decided = [];
        if (final is not null)
        {
            var given = ScoreDecisions.Draft(campaign, panel, entry, judgeId, final, now);
            if (entry.SheetOf(judgeId) is not { } sheet || (sheet.Score, sheet.Comment) != (given.Score, given.Comment))
            {
                decided.Add(new(entry, given));
                entry = entry.Apply(given);
            }
        }
        decided.Add(new(entry, ScoreDecisions.Submit(campaign, panel, entry, judgeId, now)));
        session.AppendJudging(panel, decided);
        await session.SaveChangesAsync(ct);
        return decided.SelectMany(d => d.Events).OfType<EntryJudged>().SingleOrDefault();
    }, ct);

    public static void MapSubmitScore(this RouteGroupBuilder judging) =>
        judging.MapPost("/entries/{entryId:guid}/submit", async (Guid entryId, ClaimsPrincipal user, IDocumentSession session,
                CampaignCatalog campaigns, TimeProvider clock, CancellationToken ct) =>
                await HandleAsync(session, campaigns, entryId, user.UserId(), null, clock.GetUtcNow(), ct) is { } judged ? Results.Ok(judged) : Results.NoContent())
            .WithSummary("Hand in the score (J2); the last judge's submission judges the entry.");
}
