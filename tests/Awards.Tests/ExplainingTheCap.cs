using Campaign.Awards.Allocation;
using Campaign.Awards.Reporting;
using Campaign.Campaigns;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;

namespace Campaign.Awards.Tests;

/// <summary>
/// A1, A2: the statement beside the results says why fewer works win than the tiers offer — a
/// tier's minimum score, maxWinnerShare, or the cap with too few works from elsewhere — in Chinese
/// and in English, and never blames the cap for what the minimums did.
/// </summary>
public sealed class ExplainingTheCap
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2021-07-20T00:00:00Z");

    /// <summary>Allocates <paramref name="categoryId"/> under <paramref name="rules"/>; each work's final score is its judges' score (engagement the same).</summary>
    private static (string Chinese, string English) Explain(string categoryId, AwardRules rules, params (string Org, decimal Final)[] works)
    {
        var category = Liaoning.FindCategory(categoryId)! with { Awards = rules };
        var ids = works.Select(_ => Guid.NewGuid()).ToList();
        var events = new List<object>
        {
            new JudgingClosed("liaoning-2021", categoryId, ids, "o", Now),
            new EngagementClosed("liaoning-2021", categoryId, ids, "o", Now),
        };
        for (var i = 0; i < works.Length; i++)
        {
            events.Add(new EntryJudged(ids[i], "liaoning-2021", categoryId, works[i].Org, [], works[i].Final, "mean", Now));
            events.Add(new EngagementScored(ids[i], "liaoning-2021", categoryId, new Dictionary<string, long>(), works[i].Final, "v", Now));
        }
        AwardsAllocated allocated = AwardAllocation.Allocate(Liaoning, category, CategoryResults.From(events), Guid.NewGuid(), Now);
        return (CapExplained.Of(allocated, rules, english: false).Statement, CapExplained.Of(allocated, rules, english: true).Statement);
    }

    [Fact]
    public void A1_places_left_empty_by_a_tiers_minimum_score_are_said_to_be_the_minimums_doing_not_the_caps()
    {
        // Stories (no host region): a first prize from 90, two seconds from 80; only 95 and 85 reach them.
        var rules = new AwardRules { Tiers = [new AwardTier("first", "一等奖", 1, MinFinalScore: 90), new AwardTier("second", "二等奖", 2, MinFinalScore: 80)] };
        var (chinese, english) = Explain("story", rules, ("dalian", 95), ("anshan", 85), ("fushun", 70), ("benxi", 60));

        Assert.Equal("限额未影响评选：所有名次按排名产生。达到各奖项最低分的作品不足：1 个名额空缺。3 个名额中评出 2 个。", chinese);
        Assert.Equal("The cap changed nothing: every place went in rank order. Too few works reach the tiers' minimum scores: 1 place(s) stay empty. "
            + "2 of 3 places are awarded.", english);
    }

    [Fact]
    public void A1_fewer_places_than_the_tiers_offer_are_said_to_be_maxWinnerShares_doing()
    {
        // Three places in the tiers, but at most half of the four works may win.
        var rules = new AwardRules { Tiers = [new AwardTier("first", "一等奖", 1), new AwardTier("second", "二等奖", 2)], MaxWinnerShare = 0.5m };
        var (chinese, english) = Explain("story", rules, ("dalian", 95), ("anshan", 85), ("fushun", 70), ("benxi", 60));

        Assert.Equal("限额未影响评选：所有名次按排名产生。获奖作品不超过参评作品的 50%：4 件作品设 2 个名额（各奖项共 3 个）。", chinese);
        Assert.Equal("The cap changed nothing: every place went in rank order. At most 50% of the 4 works may win: 2 of the tiers' 3 places are offered (maxWinnerShare).",
            english);
    }

    [Fact]
    public void A2_places_left_empty_by_the_cap_are_said_to_be_for_too_few_works_from_elsewhere()
    {
        // Video (host Yingkou), five places, cap 50 %: four Yingkou works on top, two from elsewhere → 2 of 4 from Yingkou.
        var rules = new AwardRules { Tiers = [new AwardTier("prize", "奖", 5)], HostRegionCap = 0.5m };
        var (chinese, english) = Explain("video", rules,
            ("yingkou", 95), ("yingkou", 94), ("yingkou", 93), ("yingkou", 92), ("dalian", 60), ("anshan", 50));

        Assert.Equal("限额使yingkou的 2 件作品未获奖，其他地区 1 件作品递补获奖。其他地区作品不足：限额使 1 个名额空缺。5 个名额中评出 4 个。", chinese);
        Assert.Equal("The cap kept 2 work(s) from yingkou out; 1 work(s) from elsewhere won instead. "
            + "Too few works from elsewhere: the cap leaves 1 place(s) empty. 4 of 5 places are awarded.", english);
    }

    [Fact]
    public void A1_A2_when_the_minimums_and_the_cap_both_leave_places_empty_each_is_named_with_its_own_count()
    {
        // Four places from 60; only three works reach 60 (one place empty whatever the cap), and the cap keeps the second Yingkou work out.
        var rules = new AwardRules { Tiers = [new AwardTier("prize", "奖", 4, MinFinalScore: 60)], HostRegionCap = 0.5m };
        var (chinese, english) = Explain("video", rules, ("yingkou", 95), ("yingkou", 94), ("dalian", 80), ("anshan", 30), ("fushun", 20));

        Assert.Equal("限额使yingkou的 1 件作品未获奖，其他地区 0 件作品递补获奖。达到各奖项最低分的作品不足：1 个名额空缺。"
            + "其他地区作品不足：限额使 1 个名额空缺。4 个名额中评出 2 个。", chinese);
        Assert.Equal("The cap kept 1 work(s) from yingkou out; 0 work(s) from elsewhere won instead. Too few works reach the tiers' minimum scores: 1 place(s) stay empty. "
            + "Too few works from elsewhere: the cap leaves 1 place(s) empty. 2 of 4 places are awarded.", english);
    }
}
