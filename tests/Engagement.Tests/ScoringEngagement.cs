using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Engagement.Closing;
using Campaign.Engagement.Entries;
using Campaign.Engagement.Figures;

namespace Campaign.Engagement.Tests;

/// <summary>E1: raw platform figures become a 0–100 score by the campaign's formula.</summary>
public sealed class ScoringEngagement
{
    private static readonly EngagementFormula Linear = new() { Version = "t", Weights = new Dictionary<string, decimal> { ["views"] = 1, ["likes"] = 5 }, Scaling = "linear" };
    private static readonly EngagementFormula Log = Linear with { Scaling = "log" };
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid();

    private static Dictionary<Guid, IReadOnlyDictionary<string, long>> Figures() => new()
    {
        [A] = new Dictionary<string, long> { ["views"] = 1000, ["likes"] = 200 }, // 2000
        [B] = new Dictionary<string, long> { ["views"] = 500, ["likes"] = 100 },  // 1000
        [C] = new Dictionary<string, long>(),                                     // 0
    };

    [Fact]
    public void E1_linear_the_top_entry_scores_100_and_the_others_in_proportion()
    {
        var scores = EngagementFormulaCalculator.Scores(Linear, Figures());
        Assert.Equal((100m, 50m, 0m), (scores[A], scores[B], scores[C]));
    }

    [Fact]
    public void E1_log_damps_the_lead_of_the_top_entry()
    {
        var scores = EngagementFormulaCalculator.Scores(Log, Figures());
        Assert.Equal(100m, scores[A]);
        Assert.Equal(90.89m, scores[B]); // 100·ln(1001)/ln(2001)
        Assert.Equal(0m, scores[C]);
    }

    [Fact]
    public void E1_no_figures_at_all_score_zero_not_a_division_by_zero() =>
        Assert.All(EngagementFormulaCalculator.Scores(Log, new Dictionary<Guid, IReadOnlyDictionary<string, long>> { [A] = new Dictionary<string, long>() }).Values,
            s => Assert.Equal(0m, s));

    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2021-07-01T00:00:00Z");

    private static EngagementEntry PublishedOnWebsite() =>
        EngagementEntry.Create(new EntryPublished(A, "liaoning-2021", "video", "union-website", "https://x", "o", Now));

    [Fact]
    public void E1_a_feed_reports_only_for_its_own_platform_where_the_entry_is_published()
    {
        var request = new FiguresRequest(new Dictionary<string, long> { ["views"] = 10 }, null);
        Assert.Equal(409, Assert.Throws<RuleViolationException>(() =>
            FiguresDecision.Decide(Liaoning, PublishedOnWebsite(), "yingkou-douyin", request, "feed", Now)).Status);
        Assert.Equal("union-website", FiguresDecision.Decide(Liaoning, PublishedOnWebsite(), "union-website", request, "feed", Now)!.PlatformId);
    }

    [Fact]
    public void E1_figures_the_formula_does_not_know_or_negative_ones_are_refused()
    {
        Assert.Throws<RuleViolationException>(() => FiguresDecision.Decide(Liaoning, PublishedOnWebsite(), "union-website",
            new FiguresRequest(new Dictionary<string, long> { ["hearts"] = 10 }, null), "feed", Now));
        Assert.Throws<RuleViolationException>(() => FiguresDecision.Decide(Liaoning, PublishedOnWebsite(), "union-website",
            new FiguresRequest(new Dictionary<string, long> { ["views"] = -1 }, null), "feed", Now));
    }

    [Fact]
    public void The_latest_snapshot_of_each_platform_counts_and_platforms_add_up()
    {
        var entry = PublishedOnWebsite()
            .Apply(new EntryPublished(A, "liaoning-2021", "video", "yingkou-douyin", "https://y", "o", Now))
            .WithSnapshot(new FiguresReported(A, "union-website", new Dictionary<string, long> { ["views"] = 10 }, "f", Now))
            .WithSnapshot(new FiguresReported(A, "union-website", new Dictionary<string, long> { ["views"] = 15, ["likes"] = 1 }, "f", Now))
            .WithSnapshot(new FiguresReported(A, "yingkou-douyin", new Dictionary<string, long> { ["views"] = 100 }, "f", Now));
        Assert.Equal(new Dictionary<string, long> { ["views"] = 115, ["likes"] = 1 }, entry.Totals());
    }
}
