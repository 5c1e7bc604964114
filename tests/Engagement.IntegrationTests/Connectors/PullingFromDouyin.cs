using System.Net;
using Campaign.Engagement.Connectors;
using Campaign.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.Engagement.IntegrationTests.Connectors;

[Collection(ConnectorsCollection.Name)]
public sealed class PullingFromDouyin(ConnectorsFixture service)
{
    private static string NewItemId() => $"@9VwWjvGUTp9kKW+ma4hu{Guid.NewGuid():N}";

    private static string PageOf(string itemId) => $"https://www.douyin.com/video/{Uri.EscapeDataString(itemId)}";

    [Fact]
    public async Task E1_a_poll_records_each_video_cumulative_figures_at_the_end_of_the_day_Douyin_counted_and_polling_again_records_nothing_new()
    {
        service.Yingkou.Reset();
        var (first, second) = (NewItemId(), NewItemId());
        var day = service.DayDue;
        service.Yingkou.ValidTokens["act.configured"] = true;
        service.Yingkou.Videos[first] = new(1200, 300, 40, 25, day);
        service.Yingkou.Videos[second] = new(80, 8, 1, 0, day.AddDays(-1));
        var firstEntry = await service.PublishedAsync("video", "yingkou-douyin", PageOf(first));
        var secondEntry = await service.PublishedAsync("video", "yingkou-douyin", PageOf(second));
        // A short link names no item id: it is counted as such, never sent to the platform.
        await service.PublishedAsync("video", "yingkou-douyin", "https://v.douyin.com/iRNBho6u/");

        var polled = await service.PollAsync("yingkou-douyin");

        Assert.Equal(ConnectorStates.Ok, polled.State);
        Assert.True(polled.LastPoll!.WithoutPlatformId >= 1);
        var snapshot = Assert.Single(await service.SnapshotsAsync(firstEntry, "yingkou-douyin"));
        Assert.Equal(ConnectorsFixture.EndOf(day), snapshot.TakenAt);
        Assert.Equal(new Dictionary<string, long> { ["views"] = 1200, ["likes"] = 300, ["shares"] = 40, ["comments"] = 25 }, snapshot.Figures);
        // Douyin says the second video's totals are of the day before: that is the moment they describe.
        Assert.Equal(ConnectorsFixture.EndOf(day.AddDays(-1)), Assert.Single(await service.SnapshotsAsync(secondEntry, "yingkou-douyin")).TakenAt);
        Assert.DoesNotContain(service.Yingkou.Calls, c => c.Contains("oauth", StringComparison.Ordinal));

        var again = await service.PollAsync("yingkou-douyin");

        Assert.Equal((0, 0), (again.LastPoll!.Recorded, again.LastPoll.Refused));
        Assert.True(again.LastPoll.Unchanged >= 2);
        Assert.Single(await service.SnapshotsAsync(firstEntry, "yingkou-douyin"));
        var shown = await service.ConnectorAsync("yingkou-douyin");
        Assert.Equal(("douyin", "daily", "ok", day.ToString("yyyy-MM-dd")),
            (shown.GetProperty("kind").GetString(), shown.GetProperty("cadence").GetString(), shown.GetProperty("state").GetString(), shown.GetProperty("lastDay").GetString()));
        Assert.True(shown.GetProperty("snapshotsRecorded").GetInt64() >= 2);
        Assert.Equal(again.LastSuccessAt, shown.GetProperty("lastSuccessAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Forbidden, (await service.ClientAs(Users.Feed("yingkou-douyin")).GetAsync("/engagement/connectors")).StatusCode);
    }

    [Fact]
    public async Task E1_an_expired_access_token_is_refreshed_with_the_refresh_token_and_the_call_made_again()
    {
        service.FuxinDouyin.Reset();
        var item = NewItemId();
        service.FuxinDouyin.ValidTokens.Clear();
        service.FuxinDouyin.RefreshGives = $"act.renewed-{Guid.NewGuid():N}";
        service.FuxinDouyin.Videos[item] = new(500, 50, 5, 2, service.DayDue);
        var entry = await service.PublishedAsync("recitation", "fuxin-douyin", PageOf(item));
        var refreshes = service.FuxinDouyin.CallsTo("/oauth/refresh_token/");

        var polled = await service.PollAsync("fuxin-douyin");

        Assert.Equal(ConnectorStates.Ok, polled.State);
        Assert.Equal(refreshes + 1, service.FuxinDouyin.CallsTo("/oauth/refresh_token/"));
        Assert.Equal(500, Assert.Single(await service.SnapshotsAsync(entry, "fuxin-douyin")).Figures["views"]);
    }

    [Fact]
    public async Task E1_a_refresh_token_Douyin_no_longer_accepts_is_reported_in_both_languages_and_not_retried()
    {
        service.FuxinDouyin.Reset();
        var item = NewItemId();
        service.FuxinDouyin.ValidTokens.Clear();
        service.FuxinDouyin.RefreshGives = null;
        service.FuxinDouyin.Videos[item] = new(1, 1, 1, 1, service.DayDue);
        var entry = await service.PublishedAsync("recitation", "fuxin-douyin", PageOf(item));
        var refreshes = service.FuxinDouyin.CallsTo("/oauth/refresh_token/");

        var polled = await service.PollAsync("fuxin-douyin");

        Assert.Equal(ConnectorStates.NeedsCredentials, polled.State);
        Assert.Null(polled.RetryAt);
        Assert.Equal(refreshes + 1, service.FuxinDouyin.CallsTo("/oauth/refresh_token/"));
        Assert.Empty(await service.SnapshotsAsync(entry, "fuxin-douyin"));
        Assert.StartsWith("“fuxin-douyin”的账号凭证已失效且无法刷新", (await service.ConnectorAsync("fuxin-douyin")).GetProperty("lastError").GetString());
        Assert.StartsWith("The credentials of 'fuxin-douyin' expired and cannot be renewed (The platform answered error 10010",
            (await service.ConnectorAsync("fuxin-douyin", "en")).GetProperty("lastError").GetString());
        var connector = service.Services.GetRequiredService<ConnectorSettings>().Find("fuxin-douyin");
        Assert.False(ConnectorSchedule.IsDue(polled, connector, DateTimeOffset.UtcNow.AddDays(3)));
    }

    [Fact]
    public async Task E1_a_rate_limit_is_waited_out_a_few_times_then_the_poll_stops_and_is_tried_again_later()
    {
        service.Yingkou.Reset();
        var item = NewItemId();
        service.Yingkou.ValidTokens["act.configured"] = true;
        service.Yingkou.Videos[item] = new(70, 7, 0, 0, service.DayDue);
        var entry = await service.PublishedAsync("video", "yingkou-douyin", PageOf(item));
        service.Yingkou.RateLimitNext = 2;

        Assert.Equal(ConnectorStates.Ok, (await service.PollAsync("yingkou-douyin")).State);
        Assert.Equal(0, service.Yingkou.RateLimitNext);
        Assert.Single(await service.SnapshotsAsync(entry, "yingkou-douyin"));

        service.Yingkou.RateLimitNext = 1000;
        var calls = service.Yingkou.Calls.Count;
        var stopped = await service.PollAsync("yingkou-douyin");
        service.Yingkou.Reset();

        Assert.Equal(ConnectorStates.RateLimited, stopped.State);
        Assert.Equal(3, service.Yingkou.Calls.Count - calls); // the call and its two retries (RateLimitRetries = 2), then nothing
        Assert.NotNull(stopped.RetryAt);
        var connector = service.Services.GetRequiredService<ConnectorSettings>().Find("yingkou-douyin");
        Assert.False(ConnectorSchedule.IsDue(stopped, connector, stopped.RetryAt!.Value.AddSeconds(-1)));
        Assert.Contains("28003018", (await service.ConnectorAsync("yingkou-douyin", "en")).GetProperty("lastError").GetString());
    }
}
