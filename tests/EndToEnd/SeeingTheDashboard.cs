using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Campaign.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Campaign.EndToEnd;

/// <summary>
/// The operator's view (issue 14): the AppHost's Aspire dashboard lists every service running, and
/// its metrics page shows the campaign's own meters of every service — the dashboard pictures of the README.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class SeeingTheDashboard(PlatformFixture platform)
{
    [Fact]
    public async Task The_dashboard_lists_every_service_running_and_offers_the_campaign_meters()
    {
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync(platform.DashboardUrl);
        await page.GotoAsync("/");
        foreach (var service in PlatformFixture.Services)
            await Assertions.Expect(page.Locator("[role=row]", new() { HasText = service }).First).ToContainTextAsync("Running");
        await Chromium.ScreenshotAsync(page, "dashboard");

        // The campaign's meters reach it over OTLP, each from the service that counts it, once there is something to count.
        await ProduceEveryCampaignMeterAsync();
        foreach (var (service, meters) in new (string, string[])[]
                 {
                     ("submission", ["campaign.entries", "campaign.uploads.in_progress", "campaign.uploads.received", "campaign.messages.parked"]),
                     ("mediacheck", ["campaign.media.checks", "campaign.media.check.duration"]),
                     ("judging", ["campaign.judging.entries"]),
                     ("engagement", ["campaign.engagement.snapshots"]),
                 })
        {
            await page.GotoAsync($"/metrics/resource/{service}");
            foreach (var meter in meters)
                await Assertions.Expect(page.GetByText(meter, new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 90_000 });
        }
        await page.GotoAsync("/metrics/resource/submission");
        // The picture shows one of them charted: the tree item takes the click, not its text.
        await page.Locator("fluent-tree-item[title='campaign.entries']").First.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Chromium.ScreenshotAsync(page, "dashboard-metrics");
    }

    /// <summary>A story held for its affiliation, confirmed and checked; an upload begun; a feed's row refused.</summary>
    private async Task ProduceEveryCampaignMeterAsync()
    {
        var worker = await platform.ClientAsync("submission", "worker-7");
        var submitted = await worker.PostAsJsonAsync("/entries", new
        {
            campaignId = "test-2026", categoryId = "story", title = "看板上的一天", organizationId = "city-c", port = "individual",
            consent = new { textVersion = "c1-2026", accepted = true }, storyText = "清晨六点，她第一个走进车间，检查每一台机床的油位和声音。",
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var entryId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var administrator = await platform.ClientAsync("submission", "admin-city-c");
        (await administrator.PostAsJsonAsync($"/entries/{entryId}/affiliation", new { accepted = true })).EnsureSuccessStatusCode();

        using var create = new HttpRequestMessage(HttpMethod.Post, "/uploads");
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", "10");
        create.Headers.Add("Upload-Metadata", $"campaignId {Convert.ToBase64String("test-2026"u8)},categoryId {Convert.ToBase64String("clip"u8)}");
        var upload = (await worker.SendAsync(create)).EnsureSuccessStatusCode().Headers.Location!;
        using var patch = new HttpRequestMessage(HttpMethod.Patch, upload) { Content = new ByteArrayContent("12345"u8.ToArray()) };
        patch.Headers.Add("Tus-Resumable", "1.0.0");
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content.Headers.ContentType = new("application/offset+octet-stream");
        (await worker.SendAsync(patch)).EnsureSuccessStatusCode();

        var feed = await platform.ClientAsync("engagement", "feed-site");
        (await feed.PostAsJsonAsync("/engagement/snapshots", new
        {
            snapshots = new[] { new { entryId = Guid.NewGuid(), takenAt = DateTimeOffset.UtcNow.AddMinutes(-5), figures = new { views = 5 } } },
        })).EnsureSuccessStatusCode();
    }
}
