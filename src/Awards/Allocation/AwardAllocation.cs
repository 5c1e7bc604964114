using Campaign.Campaigns;
using Campaign.Contracts.Awards;

namespace Campaign.Awards.Allocation;

/// <summary>
/// J3, A1, A2: final scores, ranking, tiers and the host-region cap — a pure function of the
/// category's results. C1: the allocation in force in <paramref name="results"/>, if any, is the one
/// this supersedes: the new one names who left since and who moved up.
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

        var winners = Winners(ranked.Select(x => x.Region == category.HostRegion && category.HostRegion is not null).ToList(),
            category.Awards.Tiers.Sum(t => t.Count), category.Awards.HostRegionCap);
        var tiers = category.Awards.Tiers.SelectMany(t => Enumerable.Repeat(t, t.Count)).ToList();

        var awards = ranked.Select((x, i) =>
        {
            var place = winners.IndexOf(i);
            var tier = place >= 0 ? tiers[place] : null;
            var note = place < 0 && i < winners.LastOrDefault(-1) ? $"A2: winners from {category.HostRegion} are capped at {category.Awards.HostRegionCap:P0}" : null;
            var movedUp = previous?.Results.FirstOrDefault(r => r.EntryId == x.EntryId) is { } before && before.Rank > i + 1;
            return new AwardResult(x.EntryId, x.OrganizationId, x.Region, x.JudgesScore, x.Engagement, x.Final, i + 1, tier?.Id, tier?.Name, note, movedUp, tier?.Kind);
        }).ToList();

        var left = previous?.Results.Select(r => r.EntryId).Where(results.Excluded.Contains).Order().ToList() ?? [];
        return new AwardsAllocated(allocationId, campaign.Id, category.Id, s.JudgesWeight, s.EngagementWeight,
            category.HostRegion, category.Awards.HostRegionCap, awards, now, previous?.AllocationId, left);
    }

    /// <summary>
    /// A2: the positions (in rank order) that win. Host-region entries are skipped once they would
    /// exceed <paramref name="cap"/> of all winners; if that leaves places empty, the number of
    /// winners shrinks and the cap is applied again to the smaller total.
    /// </summary>
    public static List<int> Winners(IReadOnlyList<bool> isHost, int places, decimal cap)
    {
        var target = Math.Min(places, isHost.Count);
        while (true)
        {
            var maxHost = (int)Math.Floor(cap * target);
            var winners = new List<int>();
            var hosts = 0;
            for (var i = 0; i < isHost.Count && winners.Count < target; i++)
            {
                if (isHost[i] && hosts >= maxHost) continue;
                if (isHost[i]) hosts++;
                winners.Add(i);
            }
            if (winners.Count == target) return winners;
            target = winners.Count;
        }
    }
}
