using Campaign.Campaigns;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Engagement.Closing;
using Campaign.Engagement.Entries;
using Campaign.Engagement.Figures;
using Campaign.Engagement.Snapshots;

namespace Campaign.Engagement.Tests;

/// <summary>E1: which snapshots count, the cutoff, per-platform weights, and a score recomputed from what it recorded.</summary>
public sealed class CountingSnapshots
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    private static readonly DateTimeOffset Day1 = DateTimeOffset.Parse("2021-06-01T12:00:00+08:00");

    private static EngagementEntry Published(params string[] platforms) =>
        platforms.Aggregate(EngagementEntry.Create(new EntryPublished(Guid.NewGuid(), "liaoning-2021", "video", platforms[0], "https://x", "o", Day1)),
            (e, p) => e.Apply(new EntryPublished(e.Id, "liaoning-2021", "video", p, $"https://x/{p}", "o", Day1)));

    private static FiguresReported Snap(EngagementEntry e, string platform, int hours, long views, long likes = 0) =>
        new(e.Id, platform, new Dictionary<string, long> { ["views"] = views, ["likes"] = likes }, "feed", Day1.AddHours(hours));

    [Fact]
    public void E1_a_counter_that_goes_down_is_flagged_and_not_applied_in_whatever_order_it_arrives()
    {
        var e = Published("union-website");
        var facts = new[] { Snap(e, "union-website", 0, 100), Snap(e, "union-website", 1, 300), Snap(e, "union-website", 2, 250), Snap(e, "union-website", 3, 400) };
        foreach (var order in new[] { facts, facts.Reverse().ToArray(), [facts[2], facts[0], facts[3], facts[1]] })
        {
            var history = Counting.Of(order.Aggregate(e, (s, f) => s.WithSnapshot(f)), cutoff: null).Single();
            Assert.Equal([SnapshotState.Applied, SnapshotState.Applied, SnapshotState.Decreasing, SnapshotState.Applied], history.Snapshots.Select(s => s.State));
            Assert.Equal(400, history.Counted!.Figures["views"]);
        }
        // Without the later 400, the counted figure is the 300 before the drop, not the 250.
        var withoutLast = facts[..3].Aggregate(e, (s, f) => s.WithSnapshot(f));
        Assert.Equal(300, Counting.Of(withoutLast, cutoff: null).Single().Counted!.Figures["views"]);
    }

    [Fact]
    public void E1_figures_taken_after_the_cutoff_are_kept_but_not_counted()
    {
        var e = new[] { 0, 10, 30 }.Aggregate(Published("union-website"), (s, h) => s.WithSnapshot(Snap(s, "union-website", h, 100L * (h + 1))));
        var history = Counting.Of(e, cutoff: Day1.AddHours(12)).Single();
        Assert.Equal(3, history.Snapshots.Count);
        Assert.Equal(SnapshotState.AfterCutoff, history.Snapshots[2].State);
        Assert.Equal(1100, history.Counted!.Figures["views"]);
    }

    [Fact]
    public void E1_a_snapshot_is_immutable_the_same_one_again_changes_nothing_and_different_figures_for_the_same_moment_are_refused()
    {
        var e = Published("union-website");
        var request = new FiguresRequest(new Dictionary<string, long> { ["views"] = 10 }, Day1);
        var first = FiguresDecision.Decide(Liaoning, e, "union-website", request, "feed", Day1.AddDays(1))!;
        var recorded = e.WithSnapshot(first);
        Assert.Null(FiguresDecision.Decide(Liaoning, recorded, "union-website", request, "feed", Day1.AddDays(1)));
        var changed = Assert.Throws<RuleViolationException>(() => FiguresDecision.Decide(Liaoning, recorded, "union-website",
            request with { Figures = new Dictionary<string, long> { ["views"] = 11 } }, "feed", Day1.AddDays(1)));
        Assert.Equal(("E1", 409), (changed.RuleId, changed.Status));
    }

    [Fact]
    public void E1_a_platform_weighs_each_figure_by_its_multiplier_a_Douyin_view_counts_a_fifth_of_a_website_view()
    {
        var used = new[]
        {
            new CountedFigures("union-website", Day1, new Dictionary<string, long> { ["views"] = 100, ["likes"] = 10 }),
            new CountedFigures("yingkou-douyin", Day1, new Dictionary<string, long> { ["views"] = 100, ["likes"] = 10 }),
        };
        // website: 100×1 + 10×5 = 150; Douyin: 100×1×0.2 + 10×5×0.5 = 45.
        Assert.Equal(195m, EngagementFormulaCalculator.Weighted(Liaoning.Engagement, used));
    }

    [Fact]
    public void E1_J3_each_score_records_the_raw_figures_it_used_and_recomputing_from_the_recorded_events_gives_the_same_scores()
    {
        var a = Published("union-website", "yingkou-douyin");
        a = a.WithSnapshot(Snap(a, "union-website", 0, 1000, 40)).WithSnapshot(Snap(a, "union-website", 5, 6000, 40)).WithSnapshot(Snap(a, "yingkou-douyin", 0, 9000, 300));
        var b = Published("union-website");
        b = b.WithSnapshot(Snap(b, "union-website", 1, 700, 3));
        var (scored, closed) = ClosingDecision.Decide(Liaoning, "video", [a, b], "organizer", Day1.AddDays(2));

        var aScore = scored.Single(s => s.EntryId == a.Id);
        Assert.Equal([("union-website", Day1.AddHours(5), 6000L), ("yingkou-douyin", Day1, 9000L)],
            aScore.Used!.Select(u => (u.PlatformId, u.TakenAt, u.Figures["views"])));
        Assert.Equal(("e1-weighted-log-v2", "log"), (closed.FormulaVersion, closed.Scaling));

        // Recompute from the events alone: the closing's formula and each score's raw figures.
        var formula = EngagementFormulaCalculator.AsRecorded(closed);
        var again = EngagementFormulaCalculator.Scale(formula, scored.ToDictionary(s => s.EntryId, s => EngagementFormulaCalculator.Weighted(formula, s.Used!)));
        Assert.All(scored, s => Assert.Equal(s.Score, again[s.EntryId]));
        Assert.Equal(100m, aScore.Score);
    }

    [Fact]
    public void E1_with_a_configured_cutoff_closing_waits_for_the_slowest_platform_to_report()
    {
        var campaign = Liaoning with
        {
            Categories = [.. Liaoning.Categories.Select(c => c.Id == "video" ? c with { EngagementCutoff = new DateTime(2021, 7, 31, 23, 59, 59) } : c)],
        };
        var cutoff = DateTimeOffset.Parse("2021-07-31T23:59:59+08:00");
        // The video category is published on Douyin and WeChat (daily, 24 hours late).
        var early = Assert.Throws<RuleViolationException>(() => ClosingDecision.Decide(campaign, "video", [], "organizer", cutoff.AddHours(23)));
        Assert.Equal(("E1", 409), (early.RuleId, early.Status));
        Assert.Equal(cutoff, ClosingDecision.Decide(campaign, "video", [], "organizer", cutoff.AddHours(24)).Closed.Cutoff);
    }
}
