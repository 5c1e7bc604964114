using Campaign.Contracts.Engagement;
using Campaign.TestSupport;
using Microsoft.Playwright;
using static Campaign.Engagement.UiTests.EngagementUiFixture;

namespace Campaign.Engagement.UiTests;

/// <summary>
/// E1 in the organizers' pages, in the machine's Chromium against the real service, PostgreSQL and
/// RabbitMQ: a work's spike is flagged with its evidence and drawn on its chart, the organizer
/// excludes it with a reason, and closing scores the work on what came before the spike.
/// </summary>
public sealed class ExcludingASpikeInTheBrowser(EngagementUiFixture service) : IClassFixture<EngagementUiFixture>
{
    private const string Reason = "刷量：同一IP段集中访问";

    /// <summary>One snapshot an hour from <paramref name="start"/>; likes are a twentieth of the views, as on every work here.</summary>
    private static IEnumerable<object> Hourly(Guid entryId, DateTimeOffset start, params long[] views) =>
        views.Select((v, h) => new { entryId, takenAt = start.AddHours(h), figures = new { views = v, likes = v / 20 } });

    [Fact]
    public async Task E1_an_organizer_sees_a_spike_on_its_chart_with_the_evidence_excludes_it_and_the_close_scores_the_work_without_it()
    {
        Guid[] steady = [Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7()];
        var spiked = Guid.CreateVersion7();
        foreach (var id in steady.Append(spiked)) await service.PublishAsync(id);
        // Within the last day before the close (the cutoff), so that the growth signal alone speaks, not a burst.
        var start = DateTimeOffset.UtcNow.AddHours(-4);
        await service.PostSnapshotsAsync("site", [.. steady.SelectMany(id => Hourly(id, start, 0, 100, 200, 300)), .. Hourly(spiked, start, 0, 100, 50_100, 50_200)]);
        await service.PostSnapshotsAsync("video-app", steady.Append(spiked).SelectMany(id => Hourly(id, start, 0, 100, 200, 300)));

        // The category: the spiked work's counted figures per platform and its flag with the evidence; the others unflagged.
        var organizer = await service.Chromium.SignedInAsync(service.ServerAddress, "organizer");
        await organizer.ClickAsync($"#category-{CampaignId}-{CategoryId}");
        var row = organizer.Locator($"tr[data-entry='{spiked}']");
        await Assertions.Expect(row.Locator("li[data-platform='site'][data-signal='growth']")).ToContainTextAsync("浏览量增加 50000");
        Assert.Contains("50,200", await row.Locator("td[data-platform='site']").TextContentAsync());
        Assert.Equal(0, await organizer.Locator($"tr[data-entry='{steady[0]}'] li.flag-item").CountAsync());
        await Chromium.ScreenshotAsync(organizer, "engagement-category");

        // A second organizer's page, opened now and submitted after the close.
        var late = await service.Chromium.SignedInAsync(service.ServerAddress, "organizer");
        await late.GotoAsync($"/ui/entries/{spiked}");

        // The work: a chart per figure with a line per platform, and the evidence.
        await row.Locator($"a[href='/ui/entries/{spiked}']").ClickAsync();
        foreach (var figure in new[] { "views", "likes" })
            Assert.Equal(Platforms, await organizer.Locator($"svg[data-figure='{figure}'] g[data-platform]:has(polyline.series)")
                .EvaluateAllAsync<string[]>("gs => gs.map(g => g.dataset.platform)"));
        Assert.Contains("浏览量增加 50000", await organizer.TextContentAsync("#flags"));

        // E1: the organizer excludes the site's figures from the spike on, with a reason.
        await organizer.FillAsync("#exclude-site-growth textarea", Reason);
        await organizer.ClickAsync("#exclude-site-growth button");
        await Assertions.Expect(organizer.Locator("#exclusions")).ToContainTextAsync(Reason);
        Assert.Equal(0, await organizer.Locator("#flags form").CountAsync());
        Assert.Equal(2, await organizer.Locator("svg[data-figure='views'] g[data-platform='site'] circle.mark.excluded").CountAsync());

        await organizer.GotoAsync($"/ui/entries/{spiked}?lang=en");
        Assert.Contains("Views grew by 50000", await organizer.TextContentAsync("#flags"));
        await Chromium.ScreenshotAsync(organizer, "engagement-work");

        // Closing scores the work on what came before the spike. The test campaign's linear formula, views + 2 × likes:
        // the site's 100 + 2 × 5 and the app's 300 + 2 × 15 make 440, against 660 for each steady work (the top, 100).
        (await service.ClientAs(Users.Organizer).PostAsync($"/engagement/{CampaignId}/{CategoryId}/close", null)).EnsureSuccessStatusCode();
        var (_, scored) = await service.Bus.WaitForAsync<EngagementScored>(s => s.EntryId == spiked);
        Assert.Equal((66.67m, 400L), (scored.Score, scored.Figures["views"]));

        // The page opened before the close still offers the form; the decision refuses, and the page says why, by rule.
        await late.FillAsync("#exclude-site-growth textarea", "迟到的排除");
        await late.ClickAsync("#exclude-site-growth button");
        Assert.StartsWith("E1: 本类别的网络传播评分已结束", await late.TextContentAsync("#error"));
    }
}
