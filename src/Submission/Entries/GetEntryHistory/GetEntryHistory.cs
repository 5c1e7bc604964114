using Campaign.Campaigns;
using System.Security.Claims;
using Campaign.Contracts.Judging;
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
                return Results.Ok(events.Select(e => new HistoryItem(e.Version, e.EventType.Name, e.Timestamp, ShownTo(user, e.Data))));
            })
            .WithName("GetEntryHistory")
            .WithSummary("The entry's whole lifecycle, in order, from consent and submission to award.")
            .ProducesProblem(404);

    /// <summary>Who judged and how each judge scored stays with the organizers; submitters see the judges' score.</summary>
    private static object ShownTo(ClaimsPrincipal user, object data) => data is EntryJudged judged && !user.IsInRole(Roles.Organizer)
        ? new { judged.EntryId, judged.JudgesScore, judged.Aggregate, Judges = judged.Scores.Count, judged.JudgedAt }
        : data;
}
