using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Judging;
using Campaign.Engagement.Connectors;
using Campaign.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.Engagement.IntegrationTests.Connectors;

/// <summary>
/// The Engagement service with a connector for each of the default campaign's four accounts, each
/// against its own stand-in: the Douyin accounts of Yingkou and Fuxin, the union's and Fuxin's WeChat
/// official accounts. The schedule is off: each test triggers the polls it needs.
/// </summary>
public sealed class ConnectorsFixture() : ServiceFactory<Program>("engagement")
{
    public const string Campaign = "liaoning-2021";
    public DouyinStandIn Yingkou { get; } = new("open-yingkou");
    public DouyinStandIn FuxinDouyin { get; } = new("open-fuxin");
    public WeChatStandIn Union { get; } = new("wx-union", "union-secret");
    public WeChatStandIn FuxinWeChat { get; } = new("wx-fuxin", "fuxin-secret");

    public override async Task InitializeAsync()
    {
        foreach (var standIn in new StandIn[] { Yingkou, FuxinDouyin, Union, FuxinWeChat }) await standIn.StartAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Engagement:ConnectorSchedule:Enabled", "false");
        Douyin(builder, "yingkou-douyin", Yingkou, "open-yingkou");
        Douyin(builder, "fuxin-douyin", FuxinDouyin, "open-fuxin");
        WeChat(builder, "union-wechat", Union, "wx-union", "union-secret");
        WeChat(builder, "fuxin-wechat", FuxinWeChat, "wx-fuxin", "fuxin-secret");
    }

    private static void Douyin(IWebHostBuilder builder, string platform, StandIn standIn, string openId) => Configure(builder, platform, standIn, new()
    {
        ["Kind"] = "douyin", ["ClientKey"] = "tt-client", ["ClientSecret"] = "tt-secret", ["OpenId"] = openId,
        ["AccessToken"] = "act.configured", ["RefreshToken"] = "rft.configured",
    });

    private static void WeChat(IWebHostBuilder builder, string platform, StandIn standIn, string appId, string secret) =>
        Configure(builder, platform, standIn, new() { ["Kind"] = "wechat", ["AppId"] = appId, ["AppSecret"] = secret });

    private static void Configure(IWebHostBuilder builder, string platform, StandIn standIn, Dictionary<string, string> settings)
    {
        // Back-offs of milliseconds: the tests count calls, never time.
        settings["BaseUrl"] = standIn.BaseUrl.ToString();
        settings["Pause"] = "00:00:00";
        settings["RateLimitBackoff"] = "00:00:00.010";
        settings["RateLimitRetries"] = "2";
        foreach (var (key, value) in settings) builder.UseSetting($"{ConnectorSettings.Section}:{platform}:{key}", value);
    }

    public Task<ConnectorStatus> PollAsync(string platform) => Services.GetRequiredService<ConnectorRunner>().PollAsync(platform, CancellationToken.None);

    /// <summary>The day a poll now asks about: every account of the default campaign reports a day a day late.</summary>
    public DateOnly DayDue => ConnectorSchedule.DayDue(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), 24);

    public static DateTimeOffset EndOf(DateOnly day) => ConnectorSchedule.EndOf(day, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    /// <summary>A published work of the default campaign, once engagement knows of it.</summary>
    public async Task<Guid> PublishedAsync(string category, string platform, string url)
    {
        var entry = Guid.CreateVersion7();
        await Bus.PublishAsync(new EntryPublished(entry, Campaign, category, platform, url, "reviewer-1", DateTimeOffset.UtcNow), Guid.NewGuid());
        var organizer = ClientAs(Users.Organizer);
        await Eventually.GetAsync(async () => (await organizer.GetAsync($"/engagement/entries/{entry}/figures")).IsSuccessStatusCode ? "" : null,
            "the publication reaching engagement");
        return entry;
    }

    /// <summary>The snapshots of one platform of an entry, as organizers see them.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset TakenAt, Dictionary<string, long> Figures)>> SnapshotsAsync(Guid entry, string platform)
    {
        var figures = await ClientAs(Users.Organizer).GetFromJsonAsync<JsonElement>($"/engagement/entries/{entry}/figures");
        return figures.GetProperty("platforms").EnumerateArray().Where(p => p.GetProperty("platformId").GetString() == platform)
            .SelectMany(p => p.GetProperty("snapshots").EnumerateArray())
            .Select(s => (s.GetProperty("takenAt").GetDateTimeOffset(), s.GetProperty("figures").Deserialize<Dictionary<string, long>>()!)).ToList();
    }

    /// <summary>One connector as <c>GET /engagement/connectors</c> shows it to an operator, in the language asked for.</summary>
    public async Task<JsonElement> ConnectorAsync(string platform, string language = "zh-CN")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/engagement/connectors");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await ClientAs(Users.Operator).SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single(c => c.GetProperty("platform").GetString() == platform);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var standIn in new StandIn[] { Yingkou, FuxinDouyin, Union, FuxinWeChat }) await standIn.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConnectorsCollection : ICollectionFixture<ConnectorsFixture>
{
    public const string Name = "connectors";
}
