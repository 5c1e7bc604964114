using Campaign.Engagement.Connectors;

namespace Campaign.Engagement.IntegrationTests.Connectors;

[Collection(ConnectorsCollection.Name)]
public sealed class PullingFromWeChat(ConnectorsFixture service)
{
    private const string Articles = "/datacube/getarticletotal";

    private static long NewMid() => 2650000000 + Random.Shared.Next(1, 99_999_999);

    private static string ArticleUrl(long mid, int idx) => $"https://mp.weixin.qq.com/s?__biz=MzA5NjQ0OTAxMg==&mid={mid}&idx={idx}&sn=5a808babb1652ebc1fc768bb90e9691c#rd";

    [Fact]
    public async Task E1_the_totals_of_each_day_of_an_article_become_a_snapshot_at_the_end_of_that_day_and_polling_again_records_nothing_new()
    {
        service.Union.Reset();
        var (mid, day) = (NewMid(), service.DayDue);
        service.Union.Articles.Add(new(day.AddDays(-2), $"{mid}_1", "劳模故事", [
            new(day.AddDays(-2), 100, 3, 1), new(day.AddDays(-1), 250, 9, 2), new(day, 400, 12, 2), new(day.AddDays(1), 999, 99, 9)]));
        service.Union.Articles.Add(new(day.AddDays(-2), $"{mid}_2", "not a campaign work", [new(day, 5, 0, 0)]));
        var entry = await service.PublishedAsync("story", "union-wechat", ArticleUrl(mid, 1));
        await service.PublishedAsync("story", "union-wechat", "https://mp.weixin.qq.com/s/Xq3nV0Qb9mWnF2tCSg");
        var (tokens, calls) = (service.Union.TokensIssued, service.Union.CallsTo(Articles));

        var polled = await service.PollAsync("union-wechat");

        Assert.Equal(ConnectorStates.Ok, polled.State);
        Assert.Equal(WeChatConnector.DaysReported, service.Union.CallsTo(Articles) - calls);
        Assert.True(polled.LastPoll!.WithoutPlatformId >= 1);
        var snapshots = await service.SnapshotsAsync(entry, "union-wechat");
        // The day after the one polled may still be counting: it waits for a later poll.
        Assert.Equal(new[] { day.AddDays(-2), day.AddDays(-1), day }.Select(ConnectorsFixture.EndOf), snapshots.Select(s => s.TakenAt));
        Assert.Equal(new Dictionary<string, long> { ["views"] = 400, ["shares"] = 12 }, snapshots[^1].Figures);

        var again = await service.PollAsync("union-wechat");

        Assert.Equal((0, 0), (again.LastPoll!.Recorded, again.LastPoll.Refused));
        Assert.Equal(3, (await service.SnapshotsAsync(entry, "union-wechat")).Count);
        Assert.True(service.Union.TokensIssued - tokens <= 1, "the token is kept between polls");
        Assert.Equal("ok", (await service.ConnectorAsync("union-wechat")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task E1_an_expired_token_is_replaced_from_the_appid_and_secret_a_minute_limit_is_waited_out_and_a_spent_daily_quota_stops_the_poll()
    {
        service.FuxinWeChat.Reset();
        var (mid, day) = (NewMid(), service.DayDue);
        service.FuxinWeChat.Articles.Add(new(day, $"{mid}_1", "诵读", [new(day, 60, 2, 0)]));
        var entry = await service.PublishedAsync("recitation", "fuxin-wechat", ArticleUrl(mid, 1));
        Assert.Equal(ConnectorStates.Ok, (await service.PollAsync("fuxin-wechat")).State);

        service.FuxinWeChat.ExpireToken();
        var tokens = service.FuxinWeChat.TokensIssued;
        Assert.Equal(ConnectorStates.Ok, (await service.PollAsync("fuxin-wechat")).State);
        Assert.Equal(tokens + 1, service.FuxinWeChat.TokensIssued);

        service.FuxinWeChat.RateLimitNext = 2;
        Assert.Equal(ConnectorStates.Ok, (await service.PollAsync("fuxin-wechat")).State);
        Assert.Equal(0, service.FuxinWeChat.RateLimitNext);
        Assert.Single(await service.SnapshotsAsync(entry, "fuxin-wechat"));

        service.FuxinWeChat.QuotaSpent = true;
        var calls = service.FuxinWeChat.CallsTo(Articles);
        var stopped = await service.PollAsync("fuxin-wechat");
        service.FuxinWeChat.Reset();

        Assert.Equal(ConnectorStates.RateLimited, stopped.State);
        Assert.Equal(calls + 1, service.FuxinWeChat.CallsTo(Articles));
        Assert.NotNull(stopped.RetryAt);
        Assert.Contains("45009", (await service.ConnectorAsync("fuxin-wechat", "en")).GetProperty("lastError").GetString());
    }

    [Fact]
    public async Task E1_a_token_WeChat_refuses_to_issue_is_reported_in_both_languages_and_not_asked_for_again()
    {
        service.Union.Reset();
        service.Union.ExpireToken();
        service.Union.TokenRefusal = 40164;
        var tokenCalls = service.Union.CallsTo("/cgi-bin/token");
        var polled = await service.PollAsync("union-wechat");
        service.Union.Reset();

        Assert.Equal(ConnectorStates.NeedsCredentials, polled.State);
        Assert.Equal(tokenCalls + 1, service.Union.CallsTo("/cgi-bin/token"));
        Assert.Contains("40164", (await service.ConnectorAsync("union-wechat")).GetProperty("lastError").GetString());
        Assert.StartsWith("The credentials of 'union-wechat'", (await service.ConnectorAsync("union-wechat", "en")).GetProperty("lastError").GetString());
    }
}
