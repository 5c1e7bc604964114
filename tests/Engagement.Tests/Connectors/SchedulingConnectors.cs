using Campaign.Campaigns;
using Campaign.Engagement.Connectors;

namespace Campaign.Engagement.Tests.Connectors;

public sealed class SchedulingConnectors
{
    private static readonly CampaignCatalog Campaigns = new([CampaignCatalog.LoadDefault()]);
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static ConfiguredConnector Connector(string platform, ConnectorOptions options) =>
        new ConnectorSettings(new Dictionary<string, ConnectorOptions> { [platform] = options }, Campaigns).Find(platform);

    private static readonly ConnectorOptions Douyin = new()
    {
        Kind = ConnectorKinds.Douyin, ClientKey = "tt-client", OpenId = "open", AccessToken = "act.1", RefreshToken = "rft.1",
    };

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2021, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    [Fact]
    public void E1_a_daily_platform_with_a_day_of_reporting_lag_is_asked_about_the_day_whose_end_is_a_day_past()
    {
        Assert.Equal(new DateOnly(2021, 7, 1), ConnectorSchedule.DayDue(Local(7, 3, 0, 30), Shanghai, 24));
        Assert.Equal(new DateOnly(2021, 6, 30), ConnectorSchedule.DayDue(Local(7, 2, 23, 59), Shanghai, 24));
        Assert.Equal(new DateOnly(2021, 7, 2), ConnectorSchedule.DayDue(Local(7, 3, 0, 1), Shanghai, 0));
    }

    [Fact]
    public void E1_a_day_s_figures_are_a_snapshot_at_its_last_second_in_the_campaign_s_time_zone()
    {
        Assert.Equal(new DateTimeOffset(2021, 7, 1, 15, 59, 59, TimeSpan.Zero), ConnectorSchedule.EndOf(new DateOnly(2021, 7, 1), Shanghai));
    }

    [Fact]
    public void E1_a_daily_connector_polls_once_its_next_day_is_due_and_not_before_a_stopped_poll_s_retry_time()
    {
        var connector = Connector("yingkou-douyin", Douyin);
        var now = Local(7, 3, 9);
        var done = new ConnectorStatus { Id = "yingkou-douyin", Kind = "douyin", State = ConnectorStates.Ok, LastDay = new DateOnly(2021, 7, 1) };

        Assert.True(ConnectorSchedule.IsDue(null, connector, now));
        Assert.False(ConnectorSchedule.IsDue(done, connector, now));
        Assert.True(ConnectorSchedule.IsDue(done, connector, Local(7, 4, 0, 1)));
        var stopped = done with { State = ConnectorStates.RateLimited, LastDay = new DateOnly(2021, 6, 30), RetryAt = now.AddMinutes(30) };
        Assert.False(ConnectorSchedule.IsDue(stopped, connector, now.AddMinutes(29)));
        Assert.True(ConnectorSchedule.IsDue(stopped, connector, now.AddMinutes(30)));
    }

    [Fact]
    public void E1_credentials_the_platform_refused_are_never_tried_again_until_the_configuration_names_others()
    {
        var connector = Connector("yingkou-douyin", Douyin);
        var refused = new ConnectorStatus
        {
            Id = "yingkou-douyin", Kind = "douyin", State = ConnectorStates.NeedsCredentials, RefusedCredentials = Douyin.CredentialFingerprint,
        };

        Assert.False(ConnectorSchedule.IsDue(refused, connector, Local(12, 31, 23)));
        Assert.True(ConnectorSchedule.IsDue(refused, Connector("yingkou-douyin", Douyin with { RefreshToken = "rft.2" }), Local(7, 3, 9)));
    }

    [Fact]
    public void E1_a_continuous_platform_is_polled_at_its_configured_interval()
    {
        var connector = Connector("union-app", Douyin with { Interval = TimeSpan.FromMinutes(15) });
        var status = new ConnectorStatus { Id = "union-app", Kind = "douyin", State = ConnectorStates.Ok, LastRunAt = Local(7, 3, 9) };

        Assert.False(ConnectorSchedule.IsDue(status, connector, Local(7, 3, 9, 14)));
        Assert.True(ConnectorSchedule.IsDue(status, connector, Local(7, 3, 9, 15)));
    }

    [Theory]
    [InlineData("https://www.douyin.com/video/7227815678634470000", "7227815678634470000")]
    [InlineData(" https://www.douyin.com/video/%409VwWjvGUTp9kKW%2Bma4hu/?previous_page=app_code_link ", "@9VwWjvGUTp9kKW+ma4hu")]
    [InlineData("https://v.douyin.com/iRNBho6u/", null)]
    [InlineData("https://www.example.com/video/7227815678634470000", null)]
    public void E1_a_douyin_work_is_found_by_the_item_id_in_its_page_address(string url, string? itemId) =>
        Assert.Equal(itemId, new DouyinConnector(Connector("yingkou-douyin", Douyin), new HttpClient()).ItemIdOf(url));

    [Theory]
    [InlineData("https://mp.weixin.qq.com/s?__biz=Mzk0NjU1NjA2MQ==&mid=2247483904&idx=1&sn=5a808babb1652ebc1fc768bb90e9691c#rd", "2247483904_1")]
    [InlineData("http://mp.weixin.qq.com/s?__biz=MzIzNjc1NzUzMw==&amp;mid=2247934549&amp;idx=2&amp;sn=a4f6", "2247934549_2")]
    [InlineData("https://mp.weixin.qq.com/s/Xq3nV0Qb9mWnF2tCSg", null)]
    [InlineData("https://mp.weixin.qq.com/s?__biz=Mzk0NjU1NjA2MQ==&mid=abc&idx=1", null)]
    public void E1_a_wechat_article_is_found_by_the_msgid_its_address_names(string url, string? msgId) =>
        Assert.Equal(msgId, new WeChatConnector(Connector("union-wechat", new() { Kind = ConnectorKinds.WeChat, AppId = "wx", AppSecret = "s" }), new HttpClient()).ItemIdOf(url));

    [Fact]
    public void A_connector_configuration_naming_an_unknown_kind_a_missing_secret_or_an_unknown_platform_stops_the_service_naming_each()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ConnectorSettings(new Dictionary<string, ConnectorOptions>
        {
            ["yingkou-douyin"] = Douyin with { Kind = "kuaishou" },
            ["union-wechat"] = new() { Kind = ConnectorKinds.WeChat, AppId = "wx" },
            ["tiktok"] = Douyin,
        }, Campaigns));

        Assert.Contains("Engagement:Connectors:yingkou-douyin: Kind is 'kuaishou'", error.Message);
        Assert.Contains("Engagement:Connectors:union-wechat: a WeChat connector needs AppId and AppSecret", error.Message);
        Assert.Contains("Engagement:Connectors:tiktok: no campaign has a platform 'tiktok'", error.Message);
    }
}
