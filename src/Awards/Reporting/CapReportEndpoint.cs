using Campaign.Awards.Allocation;
using Campaign.Campaigns;
using Campaign.Contracts.Awards;
using Campaign.ServiceDefaults.Http;

namespace Campaign.Awards.Reporting;

/// <summary>One work the cap moved: its place in the ranking and its scores.</summary>
public sealed record CapMove(Guid EntryId, string OrganizationId, string? Region, int Rank, decimal JudgesScore, decimal EngagementScore, decimal FinalScore, string? TierId);

/// <summary>
/// A2 as an organizer explains it: the cap, the places and the winners, whom the cap displaced and
/// who took their places (with their scores), and in one sentence what happened.
/// </summary>
public sealed record CapExplained(string? HostRegion, decimal Cap, int Places, int Winners, int MaxHostWinners, int HostWinners,
    IReadOnlyList<CapMove> Displaced, IReadOnlyList<CapMove> TookTheirPlaces, string Statement)
{
    public static CapExplained Of(AwardsAllocated allocated, bool english)
    {
        var cap = allocated.Cap ?? new CapReport(0, 0, 0, 0, [], []);
        CapMove Move(Guid id)
        {
            var r = allocated.Results.Single(x => x.EntryId == id);
            return new CapMove(r.EntryId, r.OrganizationId, r.Region, r.Rank, r.JudgesScore, r.EngagementScore, r.FinalScore, r.TierId);
        }
        var statement = (cap.Displaced.Count, cap.Winners < cap.Places) switch
        {
            (0, false) => english ? "The cap changed nothing: every place went in rank order." : "限额未影响评选：所有名次按排名产生。",
            (var d, var shrunk) => english
                ? $"The cap kept {d} work(s) from {allocated.HostRegion} out; {cap.TookTheirPlaces.Count} work(s) from elsewhere won instead." +
                  (shrunk ? $" Too few works from elsewhere: {cap.Winners} of {cap.Places} places are awarded." : "")
                : $"限额使{allocated.HostRegion}的 {d} 件作品未获奖，其他地区 {cap.TookTheirPlaces.Count} 件作品递补获奖。" +
                  (shrunk ? $"其他地区作品不足：{cap.Places} 个名额中评出 {cap.Winners} 个。" : ""),
        };
        return new CapExplained(allocated.HostRegion, allocated.HostRegionCap, cap.Places, cap.Winners, cap.MaxHostWinners, cap.HostWinners,
            [.. cap.Displaced.Select(Move)], [.. cap.TookTheirPlaces.Select(Move)], statement);
    }
}

public static class CapReportEndpoint
{
    public static void MapCapReport(this RouteGroupBuilder results) =>
        results.MapGet("/cap", async (string campaignId, string categoryId, HttpContext http, Marten.IQuerySession session, CancellationToken ct) =>
                Results.Ok(CapExplained.Of((await CategoryRecord.FoldAsync(session, campaignId, categoryId, ct)).Allocated ?? throw ResultsEndpoints.NotAllocated(),
                    RefusalProblems.PrefersEnglish(http))))
            .WithSummary("A2, explained: whom the host-region cap displaced and who took their places, with their scores.");
}
