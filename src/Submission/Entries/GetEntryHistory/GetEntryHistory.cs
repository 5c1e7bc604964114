using System.Security.Claims;
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
                    return Results.Problem(statusCode: 404, title: "Entry not found");
                var events = await session.Events.FetchStreamAsync(id, token: ct);
                return Results.Ok(events.Select(e => new HistoryItem(e.Version, e.EventType.Name, e.Timestamp, e.Data)));
            })
            .WithName("GetEntryHistory")
            .WithSummary("The entry's whole lifecycle, in order, from consent and submission to award.")
            .ProducesProblem(404);
}
