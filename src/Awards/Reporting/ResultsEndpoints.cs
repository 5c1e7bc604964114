using Campaign.Awards.Allocation;
using Campaign.Awards.Sealing;
using Campaign.Campaigns;
using Campaign.Contracts.Awards;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Http;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Awards.Reporting;

/// <summary>Whether the stored allocation is, byte for byte, what the event log computes today.</summary>
public sealed record Verification(bool Identical, AwardsAllocated Stored, AwardsAllocated Recomputed);

/// <summary>A category's record as exported: anyone holding it checks the seals with <c>scripts/verify-results.sh</c>.</summary>
public sealed record ExportedRecord(string CampaignId, string CategoryId, string Seed, IReadOnlyList<RecordLine> Lines);

/// <summary>Whether every seal of the category still matches the record behind it.</summary>
public sealed record SealVerification(bool Intact, int Events, IReadOnlyList<SealCheck> Seals);

public static class ResultsEndpoints
{
    public static void MapResults(this WebApplication app)
    {
        var results = app.MapGroup("/results/{campaignId}/{categoryId}").WithTags("Results")
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer, Roles.Operator));

        results.MapGet("/", async (string campaignId, string categoryId, IQuerySession session, CancellationToken ct) =>
                Results.Ok((await CategoryRecord.FoldAsync(session, campaignId, categoryId, ct)).Allocated ?? throw NotAllocated()))
            .WithSummary("The allocation in force of a category, as recorded (J3, A1, A2).");

        results.MapGet("/table", async (string campaignId, string categoryId, CampaignCatalog campaigns, IQuerySession session, CancellationToken ct) =>
                Results.Ok(await TableAsync(campaigns, session, campaignId, categoryId, ct)))
            .WithSummary("The ranked results with every component: each judge's score, the judges' mean, E1 with its formula version, the final score, the tier, the cap's effect.");

        results.MapGet("/table.csv", async (string campaignId, string categoryId, CampaignCatalog campaigns, IQuerySession session, CancellationToken ct) =>
                Results.File((await TableAsync(campaigns, session, campaignId, categoryId, ct)).ToCsv(), "text/csv; charset=utf-8", $"results-{campaignId}-{categoryId}.csv"))
            .WithSummary("The same table as CSV (UTF-8 with a byte-order mark), one row per work.");

        results.MapGet("/verification", async (string campaignId, string categoryId, CampaignCatalog campaigns,
            IQuerySession session, CancellationToken ct) =>
        {
            var state = await CategoryRecord.FoldAsync(session, campaignId, categoryId, ct);
            var stored = state.Allocated ?? throw NotAllocated();
            var campaign = campaigns.Find(campaignId)!;
            // The latest allocation from every fact of the log, measured against the one it superseded.
            var superseded = state.Allocations.Where(a => a.AllocationId == stored.Supersedes).ToList();
            var recomputed = AwardAllocation.Allocate(campaign, campaign.FindCategory(categoryId)!, state with { Allocations = superseded },
                stored.AllocationId, stored.AllocatedAt);
            return Results.Ok(new Verification(ResultsRecord.Canonical(stored) == ResultsRecord.Canonical(recomputed), stored, recomputed));
        }).WithSummary("Recompute the awards from the event log and compare them, byte for byte, with what was recorded.");

        results.MapGet("/record", async (string campaignId, string categoryId, IQuerySession session, CancellationToken ct) =>
                Results.Ok(new ExportedRecord(campaignId, categoryId, ResultsRecord.Seed(campaignId, categoryId),
                    ResultsRecord.Lines(campaignId, categoryId, await CategoryRecord.EventsAsync(session, campaignId, categoryId, ct)))))
            .WithSummary("Export the category's record — every score, engagement figure, exclusion, allocation and seal, in order, with the hash chain.");

        results.MapGet("/seal", async (string campaignId, string categoryId, IQuerySession session, CancellationToken ct) =>
        {
            var events = await CategoryRecord.EventsAsync(session, campaignId, categoryId, ct);
            var seals = ResultsRecord.Check(campaignId, categoryId, events);
            if (seals.Count == 0) throw NotAllocated();
            return Results.Ok(new SealVerification(seals.All(s => s.Intact), events.Count, seals));
        }).WithSummary("Verify the sealed record: recompute the hash chain from the stored events and compare it with every seal.");

        results.MapCapReport();

        app.MapGet("/public/results/{campaignId}/{categoryId}", async (string campaignId, string categoryId, HttpContext http,
                CampaignCatalog campaigns, IQuerySession session, CancellationToken ct) =>
            {
                var campaign = campaigns.Find(campaignId) ?? throw Refusal.NotFound("没有这个活动", "Unknown campaign");
                return Results.Ok(PublicResults.Of(campaign, await CategoryRecord.LoadAsync(session, campaignId, categoryId, ct), RefusalProblems.PrefersEnglish(http))
                    ?? throw NotAllocated());
            })
            .AllowAnonymous().WithTags("Results")
            .WithSummary("The public announcement (公示) of a category: the winners, their works and awards, the cap's statement and the seal's digest.");
    }

    public static Refusal NotAllocated() => Refusal.NotFound("该类别尚未评定奖项", "Awards of this category are not allocated yet");

    public static async Task<ResultsTable> TableAsync(CampaignCatalog campaigns, IQuerySession session, string campaignId, string categoryId, CancellationToken ct)
    {
        var campaign = campaigns.Find(campaignId) ?? throw Refusal.NotFound("没有这个活动", "Unknown campaign");
        return ResultsTable.Of(campaign, await CategoryRecord.LoadAsync(session, campaignId, categoryId, ct)) ?? throw NotAllocated();
    }
}
