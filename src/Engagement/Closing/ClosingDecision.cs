using Campaign.Campaigns;
using Campaign.Contracts.Engagement;
using Campaign.Engagement.Entries;
using Campaign.Engagement.Snapshots;

namespace Campaign.Engagement.Closing;

public static class ClosingDecision
{
    /// <summary>
    /// E1: every published entry of the category still in the campaign gets its score from the
    /// snapshots that count at the cutoff (the category's configured one, else now); a withdrawn or
    /// disqualified one (C1) is neither scored nor counted in the category's scaling. With a
    /// configured cutoff, closing waits until the slowest of the category's platforms has reported
    /// the figures up to it.
    /// </summary>
    public static (IReadOnlyList<EngagementScored> Scored, EngagementClosed Closed) Decide(
        CampaignDefinition campaign, string categoryId, IEnumerable<EngagementEntry> entries, string userId, DateTimeOffset now)
    {
        var category = campaign.FindCategory(categoryId);
        var configured = CutoffOf(campaign, category);
        var cutoff = configured ?? now;
        var lag = TimeSpan.FromHours(campaign.Platforms.Where(p => category?.Platforms.Contains(p.Id) == true)
            .Select(p => p.ReportingLagHours).DefaultIfEmpty(0).Max());
        if (configured is not null && now < cutoff + lag)
            throw new RuleViolationException("E1",
                $"本类别的网络数据统计截至 {cutoff:yyyy-MM-dd HH:mm zzz}，最慢的平台在其后 {lag.TotalHours:0} 小时内报送；请于 {cutoff + lag:yyyy-MM-dd HH:mm zzz} 之后结束评分。",
                $"Figures count up to {cutoff:yyyy-MM-dd HH:mm zzz} and the slowest platform reports {lag.TotalHours:0} hours later; close after {cutoff + lag:yyyy-MM-dd HH:mm zzz}.", 409);

        var contenders = entries.Where(e => e.CampaignId == campaign.Id && e.CategoryId == categoryId && e.Published && !e.Excluded)
            .OrderBy(e => e.Id)
            .Select(e => (Entry: e, Used: Counting.Of(e, cutoff).Where(p => p.Counted is not null)
                .Select(p => new CountedFigures(p.PlatformId, p.Counted!.TakenAt, p.Counted.Figures)).ToList()))
            .ToList();
        var f = campaign.Engagement;
        var weighted = contenders.ToDictionary(c => c.Entry.Id, c => EngagementFormulaCalculator.Weighted(f, c.Used));
        var scores = EngagementFormulaCalculator.Scale(f, weighted);
        var scored = contenders.Select(c => new EngagementScored(c.Entry.Id, campaign.Id, categoryId, Sum(c.Used), scores[c.Entry.Id], f.Version, now,
            c.Used, weighted[c.Entry.Id])).ToList();
        return (scored, new EngagementClosed(campaign.Id, categoryId, contenders.Select(c => c.Entry.Id).ToList(), userId, now,
            f.Version, f.Weights, f.PlatformWeights, f.Scaling, cutoff));
    }

    /// <summary>The category's configured cutoff as an instant, or null when closing is the cutoff.</summary>
    public static DateTimeOffset? CutoffOf(CampaignDefinition campaign, Category? category) =>
        category?.EngagementCutoff is { } local ? new DateTimeOffset(local, campaign.Zone.GetUtcOffset(local)) : null;

    private static IReadOnlyDictionary<string, long> Sum(IEnumerable<CountedFigures> used) =>
        used.SelectMany(u => u.Figures).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
}
