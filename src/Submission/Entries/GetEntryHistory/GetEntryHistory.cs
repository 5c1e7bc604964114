using Campaign.Campaigns;
using System.Security.Claims;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Submission.Entries.GetEntryHistory;

/// <summary>One lifecycle event of an entry, as stored in its stream.</summary>
public sealed record HistoryItem(long Version, string Type, DateTimeOffset At, object Data);

public static class GetEntryHistoryEndpoint
{
    public static void MapGetEntryHistory(this RouteGroupBuilder entries) =>
        entries.MapGet("/{id:guid}/history", async (Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
            {
                if (await session.LoadAsync<Entry>(id, ct) is not { } entry || !user.CanSee(entry))
                    throw Refusal.NotFound("作品不存在", "Entry not found");
                var events = await session.Events.FetchStreamAsync(id, token: ct);
                return Results.Ok(events.OrderBy(HappenedAt).ThenBy(e => e.Version)
                    .Select(e => new HistoryItem(e.Version, e.EventType.Name, e.Timestamp, ShownTo(user, e.Data))));
            })
            .WithName("GetEntryHistory")
            .WithSummary("The entry's whole lifecycle, from consent and submission to award, in the order it happened: a fact heard from " +
                         "another service by its own time (facts arrive in any order), this service's own by when they were recorded.")
            .ProducesProblem(404);

    /// <summary>
    /// When a fact happened: those decided by other services carry their own time, since they are heard in any order (the
    /// recorder takes them in batches of a kind); this service's own events happened when they were recorded.
    /// </summary>
    private static DateTimeOffset HappenedAt(JasperFx.Events.IEvent e) => e.Data switch
    {
        MediaChecked f => f.CheckedAt,
        EntryReviewed f => f.ReviewedAt,
        EntryPublished f => f.PublishedAt,
        EntryJudged f => f.JudgedAt,
        EngagementScored f => f.ScoredAt,
        AwardDecided f => f.DecidedAt,
        CertificateIssued f => f.IssuedAt,
        _ => e.Timestamp,
    };

    /// <summary>Who judged and how each judge scored stays with the organizers; submitters see the judges' score.</summary>
    private static object ShownTo(ClaimsPrincipal user, object data) => data is EntryJudged judged && !user.IsInRole(Roles.Organizer)
        ? new { judged.EntryId, judged.JudgesScore, judged.Aggregate, Judges = judged.Scores.Count, judged.JudgedAt }
        : data;
}
