using System.Globalization;
using Campaign.Awards.Allocation;
using Campaign.Campaigns;
using Campaign.Contracts.Awards;
using Campaign.ServiceDefaults.Http;

namespace Campaign.Awards.Reporting;

/// <summary>One work the cap moved: its place in the ranking and its scores.</summary>
public sealed record CapMove(Guid EntryId, string OrganizationId, string? Region, int Rank, decimal JudgesScore, decimal EngagementScore, decimal FinalScore, string? TierId);

/// <summary>
/// A2 as an organizer explains it: the cap, the places and the winners, whom the cap displaced and
/// who took their places (with their scores), and in a few sentences what happened — including why
/// a place stays empty, which is not always the cap's doing (A1).
/// </summary>
public sealed record CapExplained(string? HostRegion, decimal Cap, int Places, int Winners, int MaxHostWinners, int HostWinners,
    IReadOnlyList<CapMove> Displaced, IReadOnlyList<CapMove> TookTheirPlaces, string Statement)
{
    /// <param name="rules">The category's A1 rules, to say when maxWinnerShare offers fewer places than the tiers; null when the category is no longer configured.</param>
    public static CapExplained Of(AwardsAllocated allocated, AwardRules? rules, bool english)
    {
        var cap = allocated.Cap ?? new CapReport(0, 0, 0, 0, [], []);
        CapMove Move(Guid id)
        {
            var r = allocated.Results.Single(x => x.EntryId == id);
            return new CapMove(r.EntryId, r.OrganizationId, r.Region, r.Rank, r.JudgesScore, r.EngagementScore, r.FinalScore, r.TierId);
        }
        return new CapExplained(allocated.HostRegion, allocated.HostRegionCap, cap.Places, cap.Winners, cap.MaxHostWinners, cap.HostWinners,
            [.. cap.Displaced.Select(Move)], [.. cap.TookTheirPlaces.Select(Move)], Explain(allocated, cap, rules, english));
    }

    /// <summary>
    /// Without the cap, the winners would be those it displaced and those it did not touch; so of the
    /// places, the tiers' minimum scores left empty what the works would not have filled even then, and
    /// the cap (too few works from elsewhere) left empty the rest.
    /// </summary>
    private static string Explain(AwardsAllocated allocated, CapReport cap, AwardRules? rules, bool english)
    {
        var (displaced, tookTheirPlaces) = (cap.Displaced.Count, cap.TookTheirPlaces.Count);
        var uncapped = cap.Winners - tookTheirPlaces + displaced;
        var (emptyByMinimums, emptyByCap) = (cap.Places - uncapped, uncapped - cap.Winners);
        var tierPlaces = rules?.Tiers.Sum(t => t.Count) ?? cap.Places;
        var share = (rules?.MaxWinnerShare * 100)?.ToString("0.##", CultureInfo.InvariantCulture);
        var works = allocated.Results.Count;
        var region = allocated.HostRegion;
        var parts = new List<string>
        {
            displaced == 0
                ? english ? "The cap changed nothing: every place went in rank order." : "限额未影响评选：所有名次按排名产生。"
                : english ? $"The cap kept {displaced} work(s) from {region} out; {tookTheirPlaces} work(s) from elsewhere won instead."
                    : $"限额使{region}的 {displaced} 件作品未获奖，其他地区 {tookTheirPlaces} 件作品递补获奖。",
        };
        if (cap.Places < tierPlaces)
            parts.Add(english ? $"At most {share}% of the {works} works may win: {cap.Places} of the tiers' {tierPlaces} places are offered (maxWinnerShare)."
                : $"获奖作品不超过参评作品的 {share}%：{works} 件作品设 {cap.Places} 个名额（各奖项共 {tierPlaces} 个）。");
        if (emptyByMinimums > 0)
            parts.Add(english ? $"Too few works reach the tiers' minimum scores: {emptyByMinimums} place(s) stay empty."
                : $"达到各奖项最低分的作品不足：{emptyByMinimums} 个名额空缺。");
        if (emptyByCap > 0)
            parts.Add(english ? $"Too few works from elsewhere: the cap leaves {emptyByCap} place(s) empty."
                : $"其他地区作品不足：限额使 {emptyByCap} 个名额空缺。");
        if (cap.Winners < cap.Places)
            parts.Add(english ? $"{cap.Winners} of {cap.Places} places are awarded." : $"{cap.Places} 个名额中评出 {cap.Winners} 个。");
        return string.Join(english ? " " : "", parts);
    }
}

public static class CapReportEndpoint
{
    public static void MapCapReport(this RouteGroupBuilder results) =>
        results.MapGet("/cap", async (string campaignId, string categoryId, HttpContext http, CampaignCatalog campaigns, Marten.IQuerySession session,
                CancellationToken ct) =>
                Results.Ok(CapExplained.Of((await CategoryRecord.FoldAsync(session, campaignId, categoryId, ct)).Allocated ?? throw ResultsEndpoints.NotAllocated(),
                    campaigns.Find(campaignId)?.FindCategory(categoryId)?.Awards, RefusalProblems.PrefersEnglish(http))))
            .WithSummary("A2, explained: whom the host-region cap displaced and who took their places, with their scores.");
}
