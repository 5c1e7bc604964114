using System.Globalization;
using Campaign.Campaigns;
using Campaign.Contracts.Awards;

namespace Campaign.Awards.Allocation;

/// <summary>
/// J3, A1, A2: final scores, ranking, tiers and the host-region cap — a pure function of the
/// category's results. C1: the allocation in force in <paramref name="results"/>, if any, is the one
/// this supersedes: the new one names who left since and who moved up. docs/campaigns.md states the
/// order of ties (final score, then the judges' mean, then the entry id: arbitrary but fixed) and
/// the rounding (final scores are rounded to two decimals, and the rounded figures are compared).
/// </summary>
public static class AwardAllocation
{
    /// <summary>
    /// What the category's stream records for a fact it hears of: the fact, and an allocation when
    /// the fact makes the category ready for one (a first, or a new one after an exclusion).
    /// </summary>
    public static IReadOnlyList<object> Record(CampaignDefinition campaign, CategoryResults current, object fact, Guid allocationId, DateTimeOffset now)
    {
        var next = current.Apply(fact);
        return next.ReadyToAllocate && campaign.FindCategory(next.JudgingClosed!.CategoryId) is { } category
            ? [fact, Allocate(campaign, category, next, allocationId, now)]
            : [fact];
    }

    public static AwardsAllocated Allocate(CampaignDefinition campaign, Category category, CategoryResults results, Guid allocationId, DateTimeOffset now)
    {
        var s = campaign.Scoring;
        var rules = category.Awards;
        var previous = results.Allocated;
        var ranked = results.Contenders
            .Select(id => results.Judged[id])
            .Select(j =>
            {
                var engagement = results.EngagementOf(j.EntryId);
                var final = Math.Round(s.JudgesWeight * j.JudgesScore + s.EngagementWeight * engagement, 2, MidpointRounding.AwayFromZero);
                return (j.EntryId, j.OrganizationId, Region: campaign.FindOrganization(j.OrganizationId)?.Region, j.JudgesScore, Engagement: engagement, Final: final);
            })
            .OrderByDescending(x => x.Final).ThenByDescending(x => x.JudgesScore).ThenBy(x => x.EntryId)
            .ToList();

        var finals = ranked.Select(x => x.Final).ToList();
        var isHost = ranked.Select(x => category.HostRegion is not null && x.Region == category.HostRegion).ToList();
        var places = Math.Min(rules.Tiers.Sum(t => t.Count), (int)Math.Floor(rules.MaxWinnerShare * ranked.Count));
        var awarded = Places(finals, isHost, places, rules).ToDictionary(p => p.Position, p => p.Tier);
        var uncapped = Places(finals, isHost, places, rules with { HostRegionCap = 1m }).Select(p => p.Position).ToHashSet();
        var lastWinner = awarded.Keys.DefaultIfEmpty(-1).Max();

        var awards = ranked.Select((x, i) =>
        {
            var tier = awarded.GetValueOrDefault(i);
            // Invariant: the note is part of the record, the same whichever culture the allocation was made in.
            var note = tier is null && uncapped.Contains(i) && isHost[i]
                ? string.Create(CultureInfo.InvariantCulture, $"A2: winners from {category.HostRegion} are capped at {rules.HostRegionCap:P0}") : null;
            var movedUp = previous?.Results.FirstOrDefault(r => r.EntryId == x.EntryId) is { } before && before.Rank > i + 1;
            return new AwardResult(x.EntryId, x.OrganizationId, x.Region, x.JudgesScore, x.Engagement, x.Final, i + 1, tier?.Id, tier?.Name, note, movedUp, tier?.Kind);
        }).ToList();

        var cap = new CapReport(places, awarded.Count, (int)Math.Floor(rules.HostRegionCap * awarded.Count), awarded.Keys.Count(i => isHost[i]),
            [.. uncapped.Where(i => !awarded.ContainsKey(i)).Order().Select(i => ranked[i].EntryId)],
            [.. awarded.Keys.Where(i => !uncapped.Contains(i)).Order().Select(i => ranked[i].EntryId)]);
        var left = previous?.Results.Select(r => r.EntryId).Where(results.Excluded.Contains).Order().ToList() ?? [];
        return new AwardsAllocated(allocationId, campaign.Id, category.Id, s.JudgesWeight, s.EngagementWeight,
            category.HostRegion, rules.HostRegionCap, awards, now, previous?.AllocationId, left, cap);
    }

    /// <summary>
    /// A1, A2: which positions (in rank order) win which tier. The places are set for the works that
    /// reach at least one tier's minimum (<see cref="Slots"/>). For a number of winners W, from as
    /// many as there are places down: the works, best first, each take the first open place whose
    /// tier's minimum they reach, host-region works only while fewer than the cap of W have won;
    /// the first W that fills exactly W places is the allocation. So the cap holds for those who are
    /// awarded; a work loses to a weaker one only because the cap keeps it out; a higher-ranked
    /// winner never takes a lower tier; and a place stays empty only when no work may take it —
    /// with too few works from elsewhere, the number of winners shrinks. (Minimums never rise down
    /// the tiers — the campaign validator's rule — which is what makes taking the first open place right.)
    /// </summary>
    public static IReadOnlyList<(int Position, AwardTier Tier)> Places(IReadOnlyList<decimal> finals, IReadOnlyList<bool> isHost, int places, AwardRules rules)
    {
        var lowest = rules.Tiers.Min(t => t.MinFinalScore ?? decimal.MinValue);
        var slots = Slots(rules, Math.Min(places, finals.Count(f => f >= lowest)));
        for (var winners = slots.Count; winners > 0; winners--)
        {
            var maxHost = (int)Math.Floor(rules.HostRegionCap * winners);
            var open = slots.Select(_ => true).ToArray();
            var awarded = new List<(int, AwardTier)>();
            for (var i = 0; i < finals.Count && awarded.Count < winners; i++)
            {
                if (isHost[i] && awarded.Count(a => isHost[a.Item1]) >= maxHost) continue;
                var slot = Enumerable.Range(0, slots.Count).FirstOrDefault(k => open[k] && (slots[k].MinFinalScore ?? decimal.MinValue) <= finals[i], -1);
                if (slot < 0) continue;
                open[slot] = false;
                awarded.Add((i, slots[slot]));
            }
            if (awarded.Count == winners) return awarded;
        }
        return [];
    }

    /// <summary>
    /// A1: the tier of each of <paramref name="winners"/> places, in order. "fixed": the tiers fill
    /// from the top, each up to its count. "scaled": with fewer winners than places, each tier keeps
    /// its share (largest remainders; a tie goes to the higher tier).
    /// </summary>
    public static IReadOnlyList<AwardTier> Slots(AwardRules rules, int winners)
    {
        var total = rules.Tiers.Sum(t => t.Count);
        if (rules.TierPolicy != TierPolicies.Scaled || winners >= total)
            return [.. rules.Tiers.SelectMany(t => Enumerable.Repeat(t, t.Count)).Take(winners)];
        var shares = rules.Tiers.Select((t, i) => (Tier: t, Index: i, Exact: (decimal)t.Count * winners / total)).ToList();
        var counts = shares.ToDictionary(x => x.Index, x => (int)Math.Floor(x.Exact));
        foreach (var x in shares.OrderByDescending(x => x.Exact - Math.Floor(x.Exact)).ThenBy(x => x.Index).Take(winners - counts.Values.Sum()))
            counts[x.Index]++;
        return [.. shares.SelectMany(x => Enumerable.Repeat(x.Tier, counts[x.Index]))];
    }
}
