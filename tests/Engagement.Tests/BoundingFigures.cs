using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Engagement.Entries;
using Campaign.Engagement.Figures;

namespace Campaign.Engagement.Tests;

/// <summary>E1: a feed's snapshot is refused, naming the field, when no platform could have counted it or it was taken when it could not have been.</summary>
public sealed class BoundingFigures
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2021-07-01T00:00:00Z");

    // The video category opens on 2021-05-10 00:00 in Asia/Shanghai, which is 2021-05-09 16:00 UTC.
    private static readonly DateTimeOffset VideoOpens = DateTimeOffset.Parse("2021-05-09T16:00:00Z");

    private static FiguresReported Report(long views, DateTimeOffset? at = null) =>
        FiguresDecision.Decide(Liaoning, EngagementEntry.Create(new EntryPublished(Guid.NewGuid(), "liaoning-2021", "video", "union-website", "https://x", "o", Now)),
            "union-website", new FiguresRequest(new Dictionary<string, long> { ["views"] = views }, at), "feed", Now)!;

    private static RuleViolationException Refused(long views, DateTimeOffset? at = null) =>
        Assert.Throws<RuleViolationException>(() => Report(views, at));

    [Fact]
    public void E1_a_figure_up_to_ten_to_the_eleventh_is_taken() =>
        Assert.Equal(100_000_000_000, Report(100_000_000_000).Figures["views"]);

    [Theory]
    [InlineData(100_000_000_001)]
    [InlineData(long.MaxValue)]
    public void E1_a_figure_beyond_what_any_platform_counts_is_refused_naming_the_figure(long views)
    {
        var refusal = Refused(views);
        Assert.Equal(("E1", 422), (refusal.RuleId, refusal.Status));
        Assert.StartsWith($"figures.views is {views}", refusal.Message);
        Assert.StartsWith($"figures.views 为 {views}", refusal.Chinese);
    }

    [Fact]
    public void E1_a_negative_figure_is_refused_in_Chinese_and_English()
    {
        var refusal = Refused(-1);
        Assert.Equal("figures.views is -1; figures cannot be negative.", refusal.Message);
        Assert.Equal("figures.views 为 -1，数据不能为负数。", refusal.Chinese);
    }

    [Fact]
    public void E1_a_snapshot_without_figures_is_refused_not_a_crash() =>
        Assert.Equal("figures is required.", Assert.Throws<RuleViolationException>(() => FiguresDecision.Decide(Liaoning,
            EngagementEntry.Create(new EntryPublished(Guid.NewGuid(), "liaoning-2021", "video", "union-website", "https://x", "o", Now)),
            "union-website", new FiguresRequest(null!, null), "feed", Now)).Message);

    [Fact]
    public void E1_a_snapshot_without_a_time_is_taken_now_and_one_within_the_clock_skew_is_taken_as_stated()
    {
        Assert.Equal(Now, Report(1).ReportedAt);
        Assert.Equal(Now.AddMinutes(5), Report(1, Now.AddMinutes(5)).ReportedAt);
        Assert.Equal(VideoOpens, Report(1, VideoOpens).ReportedAt);
    }

    [Theory]
    [InlineData("2099-01-01T00:00:00Z")]
    [InlineData("2021-07-01T00:05:01Z")]
    public void E1_a_snapshot_from_the_future_by_the_server_clock_is_refused_naming_at(string at)
    {
        var refusal = Refused(1, DateTimeOffset.Parse(at));
        Assert.Equal("E1", refusal.RuleId);
        Assert.StartsWith("at is ", refusal.Message);
        Assert.Contains("later than the server's clock", refusal.Message);
        Assert.StartsWith("at 为 ", refusal.Chinese);
    }

    [Theory]
    [InlineData("2021-05-09T15:59:59Z")]
    [InlineData("1970-01-01T00:00:00Z")]
    public void E1_a_snapshot_from_before_the_category_opened_is_refused_naming_at(string at)
    {
        var refusal = Refused(1, DateTimeOffset.Parse(at));
        Assert.Equal("E1", refusal.RuleId);
        Assert.StartsWith("at is ", refusal.Message);
        Assert.Contains("2021-05-10 00:00, Asia/Shanghai", refusal.Message);
        Assert.Contains("早于本类别开始征集的时间", refusal.Chinese);
    }
}
