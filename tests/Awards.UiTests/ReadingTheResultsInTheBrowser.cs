using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.TestSupport;
using Microsoft.Playwright;

namespace Campaign.Awards.UiTests;

/// <summary>
/// The end of a category in the machine's Chromium against the real service, PostgreSQL and
/// RabbitMQ: an organizer opens the results, reads whom the cap displaced, downloads the CSV and a
/// certificate, and reads the organizations' ranking (A5) with its components; an anonymous visitor reads the announcement, finds the same seal and verifies the
/// certificate's code.
/// </summary>
public sealed class ReadingTheResultsInTheBrowser(AwardsUiFixture service) : IClassFixture<AwardsUiFixture>
{
    [Fact]
    public async Task A2_A3_A5_an_organizer_sees_the_cap_report_downloads_the_csv_and_a_certificate_reads_the_organizations_ranking_and_anyone_reads_the_announcement_and_verifies_it()
    {
        // The test campaign's "clip": host region a, cap 50 %, 5 places; the four best works are from city-a.
        var now = DateTimeOffset.UtcNow;
        (string Org, decimal Judges)[] works = [("city-a", 95), ("city-a", 94), ("city-a", 93), ("city-a", 92), ("city-b", 60), ("rail", 50)];
        var ids = works.Select(_ => Guid.CreateVersion7()).ToList();
        for (var i = 0; i < works.Length; i++)
        {
            await service.Bus.PublishAsync(new EntrySubmitted(ids[i], "test-2026", "clip", $"短片{i}", works[i].Org, "organization", "admin", null, [], now,
                [$"作者{i}"]), Guid.NewGuid());
            await service.Bus.PublishAsync(new EntryJudged(ids[i], "test-2026", "clip", works[i].Org,
                [new JudgeScore("judge-1", works[i].Judges), new JudgeScore("judge-2", works[i].Judges)], works[i].Judges, "trimmed-mean", now), Guid.NewGuid());
            await service.Bus.PublishAsync(new EngagementScored(ids[i], "test-2026", "clip", new Dictionary<string, long>(), 50, "test-linear-v1", now), Guid.NewGuid());
        }
        await service.Bus.PublishAsync(new JudgingClosed("test-2026", "clip", ids, "o", now), Guid.NewGuid());
        await service.Bus.PublishAsync(new EngagementClosed("test-2026", "clip", ids, "o", now, "test-linear-v1"), Guid.NewGuid());
        await service.Bus.WaitForAsync<AwardsAllocated>(a => a.CategoryId == "clip");

        var organizer = await service.Chromium.SignedInAsync(service.ServerAddress, "organizer");
        await organizer.ClickAsync("#results-test-2026-clip");
        // The listings travel beside the scores: reload until every title is in.
        await Eventually.GetAsync(async () =>
        {
            await organizer.ReloadAsync();
            return await organizer.Locator("#results tbody tr").AllTextContentsAsync() is var rows && rows.Count == 6 && rows.All(r => r.Contains("短片")) ? "" : null;
        }, "every work's title on the results page");

        // A2, explained: the third and fourth of city-a kept out, rail in their place, four of five places awarded.
        Assert.Contains("限额使a的 2 件作品未获奖", await organizer.TextContentAsync("#cap-statement"));
        var displaced = await organizer.Locator("#displaced tbody tr").AllTextContentsAsync();
        Assert.Contains("短片2", displaced[0]);
        Assert.Contains("短片5", displaced[0]);
        Assert.Equal(6, await organizer.Locator("#results-chart g[data-rank]").CountAsync());
        Assert.Equal("存证完好", await organizer.TextContentAsync("#seal-state"));
        var seal = (await organizer.TextContentAsync("#seal code"))!.Trim();
        await Chromium.ScreenshotAsync(organizer, "awards-results");

        var download = await organizer.RunAndWaitForDownloadAsync(() => organizer.ClickAsync("#download-csv"));
        Assert.Equal("results-test-2026-clip.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("短片0,作者0,city-a,A市总工会,a,95,95,95", csv);

        // A3: the organizer issues the category's certificates and downloads the first winner's.
        await organizer.ClickAsync("#certificates-link");
        await organizer.ClickAsync("#issue");
        var first = organizer.Locator("#certificates tbody tr", new() { HasText = "短片0" });
        await Assertions.Expect(first).ToContainTextAsync("有效");
        var code = await first.GetAttributeAsync("data-code");
        var pdf = await organizer.RunAndWaitForDownloadAsync(() => first.Locator("a", new() { HasText = "PDF" }).ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await pdf.PathAsync())!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        await Chromium.ScreenshotAsync(organizer, "awards-certificates");

        // A5: the organizations ranked from the same facts, every component shown. clip's minimums: 2 per city, 1 for an industry
        // union; its tiers are worth 2 and 1 (no tierPoints of their own); every work's E1 is 50; story is not allocated yet.
        await organizer.GotoAsync("/ui");
        await organizer.ClickAsync("#organizations-test-2026");
        await Assertions.Expect(organizer.Locator("#provisional")).ToBeVisibleAsync();
        Assert.Contains("0.4 × 参与度 + 0.4 × 获奖质量 + 0.2 × 网络传播", await organizer.TextContentAsync("main"));
        var standings = new List<string>();
        foreach (var row in await organizer.Locator("#organizations tbody tr").AllAsync())
            standings.Add(string.Join(" | ", [await row.GetAttributeAsync("data-organization"), await row.GetAttributeAsync("class"),
                .. (await row.Locator("td").AllInnerTextsAsync()).Select(t => string.Join(" ", t.Split((char[])[], StringSplitOptions.RemoveEmptyEntries)))]));
        // organization | awarded | rank | name | story | clip: entries / minimum · awards | participation | quality | engagement | score
        Assert.Equal(string.Join("\n",
        [
            "city-a | won | 1 | A市总工会 优秀组织单位 | 0 | 4 / 2 · 2 奖 | 100.00 | 100.00 | 50.00 | 90.00",
            "rail | won | 2 | 铁路工会 优秀组织单位 | 0 | 1 / 1 · 1 奖 | 100.00 | 25.00 | 50.00 | 60.00",
            "city-b |  | 3 | B市总工会 | 0 | 1 / 2 · 1 奖 | 50.00 | 25.00 | 50.00 | 40.00",
            "city-c |  | 4 | C市总工会 | 0 | 0 / 2 | 0.00 | 0.00 | 0.00 | 0.00",
        ]), string.Join("\n", standings));
        await Chromium.ScreenshotAsync(organizer, "awards-organizations");

        // The announcement: no sign-in, the winners and the same seal, no judge.
        var visitor = await service.Chromium.NewPageAsync(service.ServerAddress);
        await visitor.GotoAsync("/ui/public/test-2026/clip");
        await Assertions.Expect(visitor.Locator("#announcement-title")).ToContainTextAsync("获奖名单公示");
        Assert.Equal(seal, (await visitor.TextContentAsync("#public-seal"))!.Trim());
        var announced = await visitor.TextContentAsync("main");
        Assert.Contains("短片5", announced);
        Assert.DoesNotContain("短片2", announced);
        Assert.DoesNotContain("judge-1", announced);
        await Chromium.ScreenshotAsync(visitor, "awards-announcement");

        // Anyone verifies the certificate's code without signing in, and sees what it prints.
        await visitor.GotoAsync($"/ui/verify/{code}");
        Assert.Equal("valid", await visitor.Locator("#certificate").GetAttributeAsync("data-status"));
        Assert.Contains("作者0", await visitor.TextContentAsync("#recipient"));
        Assert.Contains("短片0", await visitor.TextContentAsync("#work"));
        await Chromium.ScreenshotAsync(visitor, "awards-verification");
    }
}
