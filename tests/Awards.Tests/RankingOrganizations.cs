using Campaign.Awards.Allocation;
using Campaign.Awards.Organizations;
using Campaign.Campaigns;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Submission;

namespace Campaign.Awards.Tests;

/// <summary>A5: outstanding organizing units from participation against Q1's minimums, the awards won and engagement.</summary>
public sealed class RankingOrganizations
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2021-07-20T00:00:00Z");

    /// <summary>A category's record: <paramref name="listed"/> entries per organization, then an allocation of the given (organization, tier, E1) results.</summary>
    private static CategoryResults Category(string category, (string Org, int Entries)[] listed, params (string Org, string? Tier, decimal Engagement)[] ranked)
    {
        var events = new List<object>();
        foreach (var (org, n) in listed)
            events.AddRange(Enumerable.Range(0, n).Select(_ => new EntryListed(Guid.NewGuid(), org, "作品", "organization", ["某人"], Now)));
        if (ranked.Length > 0)
            events.Add(new AwardsAllocated(Guid.NewGuid(), "liaoning-2021", category, 0.7m, 0.3m, null, 1m,
                [.. ranked.Select((r, i) => new AwardResult(Guid.NewGuid(), r.Org, null, 80, r.Engagement, 80, i + 1, r.Tier, r.Tier, null))], Now));
        return CategoryResults.From(events);
    }

    [Fact]
    public void A5_participation_is_the_mean_share_of_each_Q1_minimum_reached_never_more_than_all_of_it()
    {
        var ranking = OrganizationRanking.Of(Liaoning, new Dictionary<string, CategoryResults>
        {
            ["video"] = Category("video", [("dalian", 10), ("anshan", 40), ("industry-energy", 5)]),
            ["recitation"] = Category("recitation", [("dalian", 20)]),
            ["story"] = Category("story", [("dalian", 3)]),
        });
        OrganizationStanding Of(string org) => ranking.Standings.Single(s => s.OrganizationId == org);
        Assert.Equal(75m, Of("dalian").Participation);          // video 10 of 20, recitation 20 of 20; story has no minimum
        Assert.Equal(50m, Of("anshan").Participation);          // 40 of 20 counts as 20 of 20; no recitation
        Assert.Equal(50m, Of("industry-energy").Participation); // an industry union's minimum is 5
        Assert.Equal(0m, Of("shenyang").Participation);
        Assert.Equal(new CategoryPart("video", 10, 20, 0, 0), Of("dalian").Categories[0]);
        Assert.False(ranking.Final);
    }

    [Fact]
    public void A5_the_score_weighs_participation_quality_and_engagement_and_the_best_count_win()
    {
        // Video tiers first, second, third, excellence: 4, 3, 2, 1 points unless configured.
        var video = Category("video", [("dalian", 20), ("anshan", 20), ("fushun", 20), ("benxi", 10)],
            ("anshan", "first", 60), ("dalian", "second", 100), ("dalian", "third", 80), ("fushun", null, 90));
        var ranking = OrganizationRanking.Of(Liaoning, new Dictionary<string, CategoryResults> { ["video"] = video });
        var dalian = ranking.Standings[0];
        Assert.Equal(("dalian", 5m, 100m, 90m), (dalian.OrganizationId, dalian.Points, dalian.Quality, dalian.Engagement));
        // 0.4 × 50 (video reached, recitation not) + 0.4 × 100 + 0.2 × 90
        Assert.Equal(0.4m * 50 + 0.4m * 100 + 0.2m * 90, dalian.Score);
        var anshan = ranking.Standings.Single(s => s.OrganizationId == "anshan");
        Assert.Equal(80m, anshan.Quality);                      // 4 points of dalian's 5
        Assert.Equal(["dalian", "anshan", "fushun"], ranking.Standings.Take(3).Select(s => s.OrganizationId));
        // Five awards, but only four organizations took part at all: a score of 0 wins nothing.
        Assert.Equal(5, Liaoning.OrganizationAwards!.Count);
        Assert.Equal(["dalian", "anshan", "fushun", "benxi"], ranking.Standings.Where(s => s.Awarded).Select(s => s.OrganizationId));
        Assert.Equal(Enumerable.Range(1, ranking.Standings.Count), ranking.Standings.Select(s => s.Rank));
    }

    [Fact]
    public void A5_configured_tier_points_replace_the_default_and_withdrawn_entries_count_for_nothing()
    {
        var units = Liaoning.OrganizationAwards! with { TierPoints = new Dictionary<string, decimal> { ["first"] = 10 } };
        var campaign = Liaoning with { OrganizationAwards = units };
        var video = Liaoning.FindCategory("video")!;
        Assert.Equal(10m, OrganizationRanking.TierPoints(units, video, "first"));
        Assert.Equal(3m, OrganizationRanking.TierPoints(units, video, "second"));
        Assert.Equal(0m, OrganizationRanking.TierPoints(units, video, "no-such-tier"));

        var listed = new EntryListed(Guid.NewGuid(), "dalian", "作品", "organization", [], Now);
        var withdrawn = CategoryResults.From([listed, new EntryWithdrawn(listed.EntryId, "liaoning-2021", "video", "x", Now)]);
        var ranking = OrganizationRanking.Of(campaign, new Dictionary<string, CategoryResults> { ["video"] = withdrawn });
        Assert.Equal(0, ranking.Standings.Single(s => s.OrganizationId == "dalian").Categories[0].Entries);
    }

    [Fact]
    public void A5_ties_go_to_quality_then_participation_then_the_organization_id_and_a_score_of_0_wins_nothing()
    {
        var ranking = OrganizationRanking.Of(Liaoning, new Dictionary<string, CategoryResults>());
        Assert.All(ranking.Standings, s => Assert.False(s.Awarded));
        Assert.Equal(Liaoning.Organizations.Select(o => o.Id).Order(StringComparer.Ordinal), ranking.Standings.Select(s => s.OrganizationId));
    }
}
