using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.TestSupport;

namespace Campaign.Engagement.UiTests;

/// <summary>The Engagement service on a real socket with its own database and virtual host, and the machine's Chromium.</summary>
public sealed class EngagementUiFixture() : ServiceFactory<Program>("engagement", kestrel: true)
{
    public const string CampaignId = "test-2026", CategoryId = "clip";
    /// <summary>The platforms of the test campaign's clip category.</summary>
    public static readonly string[] Platforms = ["site", "video-app"];

    public Chromium Chromium { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Chromium = await Chromium.LaunchAsync();
    }

    protected override void Observe(BusProbe.Observer o) => o.Observe<EngagementScored>().Observe<EngagementClosed>();

    /// <summary>A work published on every platform of the category, as Judging announces it.</summary>
    public async Task PublishAsync(Guid entryId)
    {
        foreach (var platform in Platforms)
            await Bus.PublishAsync(new EntryPublished(entryId, CampaignId, CategoryId, platform, $"https://{platform}.example/{entryId}", "reviewer-1",
                DateTimeOffset.UtcNow), Guid.NewGuid());
    }

    /// <summary>A platform's feed posts one batch until every row is recorded: the publications reach engagement over the bus.</summary>
    public async Task PostSnapshotsAsync(string platform, IEnumerable<object> rows)
    {
        var feed = ClientAs(Users.Feed(platform));
        var batch = new { snapshots = rows.ToList() };
        await Eventually.GetAsync(async () =>
        {
            var response = await feed.PostAsJsonAsync("/engagement/snapshots", batch);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refused").GetInt32() == 0 ? "" : null;
        }, $"every snapshot of {platform} recorded");
    }

    public override async ValueTask DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        await base.DisposeAsync();
    }
}
