using Campaign.Awards.Allocation;
using Campaign.Campaigns;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;

namespace Campaign.Awards.Tests;

public sealed class AllocatingAwards
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2021-07-20T00:00:00Z");

    /// <summary>The category with every place open and the tiers filling from the top (A1's "fixed" policy).</summary>
    private static Category Fixed(string id)
    {
        var category = Liaoning.FindCategory(id)!;
        return category with { Awards = category.Awards with { TierPolicy = TierPolicies.Fixed, MaxWinnerShare = 1m } };
    }

    [Theory]
    // isHost per rank position, places, cap → winning positions
    [InlineData("HHHHHOOOOO", 5, 0.4, "0,1,5,6,7")]       // two host winners of five at most
    [InlineData("OOOOOHHHHH", 5, 0.4, "0,1,2,3,4")]       // the cap never promotes anyone
    [InlineData("HHHHHHO", 5, 0.4, "6")]                  // one other: 5 places → 3 → 1, and 40 % of 1 is no host winner
    [InlineData("HHO", 3, 1.0, "0,1,2")]                  // no cap
    [InlineData("HOHOHO", 10, 0.5, "0,1,2,3,4,5")]        // fewer entries than places
    public void A2_winners_from_the_host_region_are_at_most_the_cap_of_all_winners(string hosts, int places, double cap, string expected)
    {
        var rules = new AwardRules { Tiers = [new AwardTier("prize", "奖", places)], HostRegionCap = (decimal)cap };
        var winners = AwardAllocation.Places([.. hosts.Select(_ => 50m)], [.. hosts.Select(c => c == 'H')], places, rules).Select(p => p.Position).Order().ToList();
        Assert.Equal(expected, string.Join(",", winners));
        var hostWinners = winners.Count(i => hosts[i] == 'H');
        Assert.True(hostWinners <= Math.Floor((decimal)cap * winners.Count), $"{hostWinners} host winners of {winners.Count}");
    }

    private static CategoryResults Results(string category, params (string Org, decimal Judges, decimal Engagement)[] entries)
    {
        var ids = entries.Select(_ => Guid.NewGuid()).ToList();
        var events = new List<object>();
        for (var i = 0; i < entries.Length; i++)
        {
            events.Add(new EntryJudged(ids[i], "liaoning-2021", category, entries[i].Org, [], entries[i].Judges, "mean", Now));
            events.Add(new EngagementScored(ids[i], "liaoning-2021", category, new Dictionary<string, long>(), entries[i].Engagement, "v", Now));
        }
        events.Add(new JudgingClosed("liaoning-2021", category, ids, "o", Now));
        events.Add(new EngagementClosed("liaoning-2021", category, ids, "o", Now));
        return CategoryResults.From(events);
    }

    [Fact]
    public void J3_the_final_score_is_70_percent_judges_and_30_percent_engagement()
    {
        var results = Results("story", ("dalian", 80, 50), ("anshan", 70, 100));
        var allocated = AwardAllocation.Allocate(Liaoning, Liaoning.FindCategory("story")!, results, Guid.NewGuid(), Now);
        Assert.Equal([71m, 79m], allocated.Results.Select(r => r.FinalScore).Order());
        Assert.Equal(79m, allocated.Results[0].FinalScore);
        Assert.Equal((0.7m, 0.3m), (allocated.JudgesWeight, allocated.EngagementWeight));
    }

    [Fact]
    public void A1_tiers_are_filled_in_rank_order_from_the_configuration()
    {
        var entries = Enumerable.Range(0, 12).Select(i => ("dalian", 90m - i, 0m)).ToArray();
        var allocated = AwardAllocation.Allocate(Liaoning, Fixed("story"), Results("story", entries), Guid.NewGuid(), Now);
        Assert.Equal(Enumerable.Repeat("first", 10).Concat(["second", "second"]), allocated.Results.Select(r => r.TierId));
        Assert.Equal(Enumerable.Range(1, 12), allocated.Results.Select(r => r.Rank));
    }

    [Fact]
    public void A2_in_the_video_category_Yingkou_takes_at_most_40_percent_of_the_winners()
    {
        // 50 places; 40 Yingkou entries outrank 20 from Dalian → 20 Dalian winners, so 13 Yingkou (40 % of 33).
        var entries = Enumerable.Range(0, 40).Select(i => ("yingkou", 99m - i * 0.1m, 0m))
            .Concat(Enumerable.Range(0, 20).Select(i => ("dalian", 50m - i * 0.1m, 0m))).ToArray();
        var allocated = AwardAllocation.Allocate(Liaoning, Fixed("video"), Results("video", entries), Guid.NewGuid(), Now);

        var winners = allocated.Results.Where(r => r.TierId is not null).ToList();
        Assert.Equal(33, winners.Count);
        Assert.Equal(13, winners.Count(w => w.Region == "yingkou"));
        Assert.All(allocated.Results.Where(r => r.Region == "yingkou" && r.TierId is null), r => Assert.StartsWith("A2", r.Note));
    }

    [Fact]
    public void A1_disqualified_entries_win_nothing()
    {
        var results = Results("story", ("dalian", 99, 99), ("anshan", 50, 50));
        var cheat = results.JudgingClosed!.JudgedEntries[0];
        results = results.Apply(new EntryDisqualified(cheat, "liaoning-2021", "story", "侵权", "o", Now));
        var allocated = AwardAllocation.Allocate(Liaoning, Liaoning.FindCategory("story")!, results, Guid.NewGuid(), Now);
        Assert.DoesNotContain(allocated.Results, r => r.EntryId == cheat);
    }

    [Fact]
    public void Awards_wait_until_both_closings_and_every_listed_figure_have_arrived()
    {
        var id = Guid.NewGuid();
        var state = CategoryResults.Empty.Apply(new JudgingClosed("c", "story", [id], "o", Now));
        Assert.False(state.ReadyToAllocate);
        state = state.Apply(new EngagementClosed("c", "story", [id], "o", Now));
        Assert.False(state.ReadyToAllocate);
        state = state.Apply(new EntryJudged(id, "c", "story", "dalian", [], 80, "mean", Now));
        Assert.False(state.ReadyToAllocate);
        state = state.Apply(new EngagementScored(id, "c", "story", new Dictionary<string, long>(), 10, "v", Now));
        Assert.True(state.ReadyToAllocate);
    }

    [Fact]
    public void Recomputing_from_the_same_events_gives_identical_results()
    {
        var entries = Enumerable.Range(0, 30).Select(i => (i % 3 == 0 ? "yingkou" : "fushun", 60m + i % 7, (decimal)(i * 3 % 100))).ToArray();
        var results = Results("video", entries);
        var id = Guid.NewGuid();
        var first = AwardAllocation.Allocate(Liaoning, Liaoning.FindCategory("video")!, results, id, Now);
        var again = AwardAllocation.Allocate(Liaoning, Liaoning.FindCategory("video")!, CategoryResults.From(Shuffle(results)), id, Now);
        Assert.Equal(first.Results, again.Results);
    }

    // The same facts in another arrival order.
    private static IEnumerable<object> Shuffle(CategoryResults r) =>
        r.Engagement.Values.Reverse().Cast<object>().Concat(r.Judged.Values.Reverse()).Append(r.EngagementClosed!).Append(r.JudgingClosed!);
}
