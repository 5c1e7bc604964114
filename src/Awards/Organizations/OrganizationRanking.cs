using Campaign.Awards.Allocation;
using Campaign.Campaigns;

namespace Campaign.Awards.Organizations;

/// <summary>How an organization took part in one category: its entries still in the campaign against the Q1 minimum for its kind, and the awards its works won there.</summary>
public sealed record CategoryPart(string CategoryId, int Entries, int? Minimum, int Awards, decimal Points);

/// <summary>One organization's place in A5's ranking with every component shown (each 0–100) and what they came from.</summary>
public sealed record OrganizationStanding(int Rank, string OrganizationId, string Name, decimal Participation, decimal Quality, decimal Engagement,
    decimal Score, bool Awarded, decimal Points, int RankedWorks, IReadOnlyList<CategoryPart> Categories);

/// <summary>
/// A5: the outstanding organizing units (优秀组织单位) — a pure function of the categories' records.
/// <see cref="Final"/>: every category's awards are allocated; before that the ranking is provisional.
/// </summary>
public sealed record OrganizationRanking(string CampaignId, string AwardName, int Count, decimal ParticipationWeight, decimal QualityWeight,
    decimal EngagementWeight, bool Final, IReadOnlyList<OrganizationStanding> Standings)
{
    /// <summary>
    /// Participation: the mean, over the categories whose Q1 minimum applies to the organization's
    /// kind, of entries ÷ minimum (at most 1) × 100 — with no minimum for its kind, 100 for taking
    /// part at all. Quality: its works' award points (the configured points of each tier won) × 100
    /// ÷ the most points any organization earned. Engagement: the mean E1 score of its ranked works.
    /// Score: the weighted sum, rounded to two decimals and compared as rounded; ties go to quality,
    /// then participation, then the organization id. The best <c>count</c> with a score above 0 win.
    /// Withdrawn and disqualified entries count for nothing.
    /// </summary>
    public static OrganizationRanking Of(CampaignDefinition campaign, IReadOnlyDictionary<string, CategoryResults> categories)
    {
        var units = campaign.OrganizationAwards ?? throw Refusal.NotFound("本活动未设优秀组织单位奖", "This campaign has no organization awards (A5)");
        var standings = campaign.Organizations.Select(org =>
        {
            var parts = campaign.Categories.Select(category =>
            {
                var results = categories.GetValueOrDefault(category.Id) ?? CategoryResults.Empty;
                var entries = results.Listed.Values.Count(e => e.OrganizationId == org.Id && !results.Excluded.Contains(e.EntryId));
                int? minimum = category.Minimums.TryGetValue(org.Kind, out var m) && m > 0 ? m : null;
                var won = results.Allocated?.Results.Where(r => r.OrganizationId == org.Id && r.TierId is not null).ToList() ?? [];
                return new CategoryPart(category.Id, entries, minimum, won.Count, won.Sum(r => TierPoints(units, category, r.TierId!)));
            }).ToList();
            var ranked = categories.Values.SelectMany(r => r.Allocated?.Results ?? []).Where(r => r.OrganizationId == org.Id).ToList();
            var withMinimum = parts.Where(p => p.Minimum is not null).ToList();
            var participation = withMinimum.Count > 0
                ? withMinimum.Average(p => Math.Min(1m, (decimal)p.Entries / p.Minimum!.Value)) * 100
                : parts.Any(p => p.Entries > 0) ? 100m : 0m;
            var engagement = ranked.Count > 0 ? ranked.Average(r => r.EngagementScore) : 0m;
            return (Org: org, Parts: parts, Points: parts.Sum(p => p.Points), Participation: participation, Engagement: engagement, Ranked: ranked.Count);
        }).ToList();

        var mostPoints = standings.Max(s => s.Points);
        var scored = standings.Select(s =>
        {
            var quality = mostPoints > 0 ? s.Points * 100 / mostPoints : 0m;
            var score = units.ParticipationWeight * s.Participation + units.QualityWeight * quality + units.EngagementWeight * s.Engagement;
            return (s.Org, s.Parts, s.Points, s.Ranked, Participation: Round(s.Participation), Quality: Round(quality), Engagement: Round(s.Engagement), Score: Round(score));
        })
        .OrderByDescending(s => s.Score).ThenByDescending(s => s.Quality).ThenByDescending(s => s.Participation).ThenBy(s => s.Org.Id, StringComparer.Ordinal)
        .ToList();

        return new OrganizationRanking(campaign.Id, units.Name, units.Count, units.ParticipationWeight, units.QualityWeight, units.EngagementWeight,
            campaign.Categories.All(c => categories.GetValueOrDefault(c.Id)?.Allocated is not null),
            [.. scored.Select((s, i) => new OrganizationStanding(i + 1, s.Org.Id, s.Org.Name, s.Participation, s.Quality, s.Engagement, s.Score,
                i < units.Count && s.Score > 0, s.Points, s.Ranked, s.Parts))]);
    }

    /// <summary>A tier's points: as configured, else as many as the category has tiers from it down.</summary>
    public static decimal TierPoints(OrganizationAwards units, Category category, string tierId)
    {
        if (units.TierPoints.TryGetValue(tierId, out var points)) return points;
        var index = category.Awards.Tiers.ToList().FindIndex(t => t.Id == tierId);
        return index < 0 ? 0 : category.Awards.Tiers.Count - index;
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
