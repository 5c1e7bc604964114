using Campaign.Awards.Allocation;
using Campaign.Campaigns;
using Campaign.Contracts.Awards;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Awards.Reporting;

/// <summary>Whether the stored allocation is what the event log computes today.</summary>
public sealed record Verification(bool Identical, AwardsAllocated Stored, AwardsAllocated Recomputed);

public static class ResultsEndpoints
{
    public static void MapResults(this WebApplication app)
    {
        var results = app.MapGroup("/results/{campaignId}/{categoryId}").WithTags("Results")
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer, Roles.Operator));

        results.MapGet("/", async (string campaignId, string categoryId, IQuerySession session, CancellationToken ct) =>
            await Load(session, campaignId, categoryId, ct) is { Allocated: { } allocated }
                ? Results.Ok(allocated)
                : throw Refusal.NotFound("该类别尚未评定奖项", "Awards of this category are not allocated yet"))
            .WithSummary("The ranked results and awards of a category (J3, A1, A2).");

        results.MapGet("/verification", async (string campaignId, string categoryId, CampaignCatalog campaigns,
            IQuerySession session, CancellationToken ct) =>
        {
            if (await Load(session, campaignId, categoryId, ct) is not { Allocated: { } stored } state)
                throw Refusal.NotFound("该类别尚未评定奖项", "Awards of this category are not allocated yet");
            var campaign = campaigns.Find(campaignId)!;
            // The latest allocation from every fact of the log, measured against the one it superseded.
            var superseded = state.Allocations.Where(a => a.AllocationId == stored.Supersedes).ToList();
            var recomputed = AwardAllocation.Allocate(campaign, campaign.FindCategory(categoryId)!, state with { Allocations = superseded },
                stored.AllocationId, stored.AllocatedAt);
            return Results.Ok(new Verification(Same(stored, recomputed), stored, recomputed));
        }).WithSummary("Recompute the awards from the event log and compare them with what was published.");

        results.MapCapReport();
    }

    public static async Task<CategoryResults> Load(IQuerySession session, string campaignId, string categoryId, CancellationToken ct) =>
        CategoryResults.From((await session.Events.FetchStreamAsync(StreamIds.ForCategory(campaignId, categoryId), token: ct)).Select(e => e.Data));

    private static bool Same(AwardsAllocated a, AwardsAllocated b) =>
        a with { Results = [], Excluded = null, Cap = null } == b with { Results = [], Excluded = null, Cap = null }
        && a.Results.SequenceEqual(b.Results) && (a.Excluded ?? []).SequenceEqual(b.Excluded ?? [])
        && Same(a.Cap, b.Cap);

    private static bool Same(CapReport? a, CapReport? b) =>
        a is null || b is null ? a == b
        : a with { Displaced = [], TookTheirPlaces = [] } == b with { Displaced = [], TookTheirPlaces = [] }
          && a.Displaced.SequenceEqual(b.Displaced) && a.TookTheirPlaces.SequenceEqual(b.TookTheirPlaces);
}
