using Campaign.Campaigns;
using System.Security.Claims;
using Marten;

namespace Campaign.Submission.Entries.GetEntry;

public static class GetEntryEndpoint
{
    public static void MapGetEntry(this RouteGroupBuilder entries) =>
        entries.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
                await session.LoadAsync<Entry>(id, ct) is { } entry && user.CanSee(entry)
                    ? Results.Ok(entry)
                    : throw Refusal.NotFound("作品不存在", "Entry not found"))
            .WithName("GetEntry")
            .WithSummary("An entry's current state, for its submitter, its organization's administrator and organizers.")
            .ProducesProblem(404);
}
