using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Engagement.Closing;
using Campaign.Engagement.Entries;
using Campaign.Engagement.Snapshots;

namespace Campaign.Engagement.Tests;

/// <summary>E1, beyond the notice: manipulation signals with their evidence, and an organizer's exclusion of flagged figures.</summary>
public sealed class FlaggingManipulation
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    private static readonly DateTimeOffset Day1 = DateTimeOffset.Parse("2021-06-01T00:00:00+08:00");
    private const string Site = "union-website";

    /// <summary>A work on the website whose views, one snapshot an hour, are <paramref name="views"/>; likes a twentieth of them.</summary>
    private static EngagementEntry Work(params long[] views) => Work(v => v / 20, views);

    private static EngagementEntry Work(Func<long, long> likes, params long[] views)
    {
        var e = EngagementEntry.Create(new EntryPublished(Guid.NewGuid(), Liaoning.Id, "video", Site, "https://x", "o", Day1));
        return views.Select((v, h) => (v, h)).Aggregate(e, (s, x) => s.WithSnapshot(new FiguresReported(e.Id, Site,
            new Dictionary<string, long> { ["views"] = x.v, ["likes"] = likes(x.v) }, "feed", Day1.AddHours(x.h))));
    }

    private static readonly DateTimeOffset Cutoff = Day1.AddDays(10);

    [Fact]
    public void E1_a_spike_far_outside_the_category_s_growth_is_flagged_with_its_evidence()
    {
        var normal = Enumerable.Range(0, 5).Select(_ => Work(0, 100, 200, 300)).ToList();
        var spiked = Work(0, 100, 50_100, 50_200);
        var flag = Assert.Single(Signals.Detect(Liaoning, [.. normal, spiked], Cutoff));
        Assert.Equal((spiked.Id, Site, Signals.Growth, Day1.AddHours(2)), (flag.EntryId, flag.PlatformId, flag.Signal, flag.From));
        Assert.Equal(50_000m, flag.Evidence["views"]);
        Assert.Equal(100m, flag.Evidence["othersMedianPerHour"]);
        Assert.Contains("50000", flag.English);
        Assert.Contains("浏览量增加 50000", flag.Chinese);
    }

    [Fact]
    public void E1_growth_within_the_threshold_or_below_the_minimum_is_not_flagged()
    {
        var normal = Enumerable.Range(0, 5).Select(_ => Work(0, 100, 200, 300)).ToList();
        Assert.Empty(Signals.Detect(Liaoning, [.. normal, Work(0, 100, 900, 1000)], Cutoff)); // 800 views: under MinGrowth (1000)
        Assert.Empty(Signals.Detect(Liaoning, [.. normal.Select(_ => Work(0, 1000, 2000, 3000)), Work(0, 1000, 9000, 10_000)], Cutoff)); // 8× < 10×
    }

    [Fact]
    public void E1_likes_per_view_far_from_the_platform_s_norm_is_flagged_from_the_first_snapshot()
    {
        var normal = Enumerable.Range(0, 4).Select(_ => Work(0, 1000)).ToList();   // 5 % likes
        var bought = Work(v => v, 0, 1000);                                        // 100 % likes
        var flag = Assert.Single(Signals.Detect(Liaoning, [.. normal, bought], Cutoff));
        Assert.Equal((bought.Id, Signals.Ratio, Day1), (flag.EntryId, flag.Signal, flag.From));
        Assert.Equal(1m, flag.Evidence["likesPerView"]);
        Assert.Equal(0.05m, flag.Evidence["othersMedianLikesPerView"]);
    }

    [Fact]
    public void E1_a_burst_just_before_the_cutoff_is_flagged()
    {
        var cutoff = Day1.AddHours(30);
        var steady = Enumerable.Range(0, 3).Select(_ => Work(Enumerable.Range(0, 31).Select(h => 100L * h).ToArray())).ToList();
        var burst = Work(Enumerable.Range(0, 31).Select(h => h < 26 ? 10L * h : 250 + 5000L * (h - 25)).ToArray());
        var flags = Signals.Detect(Liaoning, [.. steady, burst], cutoff).Where(f => f.Signal == Signals.Burst).ToList();
        var flag = Assert.Single(flags);
        Assert.Equal((burst.Id, Day1.AddHours(7)), (flag.EntryId, flag.From));
        Assert.Equal(25_250m - 60, flag.Evidence["views"]);
        Assert.Equal(10m, flag.Evidence["earlierViewsPerHour"]);
    }

    [Fact]
    public void E1_an_organizer_excludes_flagged_figures_with_a_reason_and_the_score_then_counts_what_came_before()
    {
        var normal = Enumerable.Range(0, 5).Select(_ => Work(0, 100, 200, 300)).ToList();
        var spiked = Work(0, 100, 50_100, 50_200);
        var flags = Signals.Detect(Liaoning, [.. normal, spiked], Cutoff);
        var request = new ExcludeFiguresRequest(Site, Signals.Growth, "刷量：同一IP段集中访问");

        Assert.Equal("reason", Assert.Throws<InvalidInputException>(() => ExcludeFiguresDecision.Decide(spiked, flags, false, request with { Reason = " " }, "organizer", Cutoff)).Field);
        Assert.Equal("E1", Assert.Throws<RuleViolationException>(() => ExcludeFiguresDecision.Decide(normal[0], flags, false, request, "organizer", Cutoff)).RuleId);
        Assert.Equal(409, Assert.Throws<RuleViolationException>(() => ExcludeFiguresDecision.Decide(spiked, flags, true, request, "organizer", Cutoff)).Status);

        var excluded = ExcludeFiguresDecision.Decide(spiked, flags, false, request, "organizer", Cutoff)!;
        Assert.Equal(("organizer", "刷量：同一IP段集中访问", Day1.AddHours(2)), (excluded.ExcludedBy, excluded.Reason, excluded.From));
        var after = spiked.Apply(excluded);
        Assert.Equal(100, Counting.Of(after, Cutoff).Single().Counted!.Figures["views"]);
        // The flag stays, marked excluded; excluding it again changes nothing.
        var again = Signals.Detect(Liaoning, [.. normal, after], Cutoff);
        Assert.True(Assert.Single(again).Excluded);
        Assert.Null(ExcludeFiguresDecision.Decide(after, again, false, request, "organizer", Cutoff));

        var (scored, _) = ClosingDecision.Decide(Liaoning, "video", [.. normal, after], "organizer", Cutoff);
        Assert.Equal(100, scored.Single(s => s.EntryId == after.Id).Figures["views"]);
    }
}
