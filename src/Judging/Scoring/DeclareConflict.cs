using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Judging.Entries;
using Campaign.Judging.Panels;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Judging.Scoring;

public sealed record ConflictRequest(string Reason);

/// <summary>J1: the judge declares a conflict of interest and steps aside; a subset panel gives the entry another
/// judge, and the entry may now have every score it needs.</summary>
public static class DeclareConflict
{
    public static async Task HandleAsync(IDocumentSession session, CampaignCatalog campaigns, Guid entryId, string judgeId, ConflictRequest request,
        DateTimeOffset now, CancellationToken ct)
    {
        var (entry, panel) = await session.AssignedEntryAsync(entryId, judgeId, ct);
        var declared = ScoreDecisions.DeclareConflict(panel, entry, judgeId, request, now);
        var replanned = await session.ReplanAsync(campaigns.CampaignOf(entry), panel, now, ct, entry.Apply(declared));
        session.AppendJudging(panel, [new(entry, declared), .. replanned]);
        await session.SaveChangesAsync(ct);
    }

    public static void MapDeclareConflict(this RouteGroupBuilder judging) =>
        judging.MapPost("/entries/{entryId:guid}/conflict", async (Guid entryId, ConflictRequest request, ClaimsPrincipal user,
                IDocumentSession session, CampaignCatalog campaigns, TimeProvider clock, CancellationToken ct) =>
            {
                await HandleAsync(session, campaigns, entryId, user.UserId(), request, clock.GetUtcNow(), ct);
                return Results.NoContent();
            })
            .WithSummary("Declare a conflict of interest with the entry (J1): it goes to the other judges.");
}
