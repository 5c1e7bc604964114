using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Campaign.TestSupport;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Campaign.EndToEnd;

/// <summary>
/// <c>scripts/run.sh --demo</c>: the demo's script (demo/demo.mjs), run against the AppHost with the demo campaign, leaves
/// data in every stage — checked, reviewed and published, judged, engagement closed, awards announced — and every link it
/// prints answers, the judges' sign-in links included. Each stage is read back through the API, not from the script's word.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class TheDemo(PlatformFixture platform, ITestOutputHelper output)
{
    private const string Campaign = "demo-2026";
    private static readonly string DemoFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../demo"));

    [Fact]
    public async Task The_demo_script_leaves_every_stage_with_data_and_every_link_it_prints_answers()
    {
        var summary = await RunDemoAsync();
        var entries = summary.GetProperty("entries").EnumerateArray().Select(e => new DemoEntry(
            e.GetProperty("id").GetGuid(), e.GetProperty("category").GetString()!, e.GetProperty("organization").GetString()!,
            e.TryGetProperty("reviewed", out var r) ? r.GetString() : null, e.TryGetProperty("judged", out _))).ToList();
        Assert.InRange(entries.Count, 20, 48);
        Assert.Equal(["recitation", "story", "video"], entries.Select(e => e.Category).Distinct().Order());

        // Every entry was submitted and its media (or text) checked; each category keeps some for the reviewers.
        var histories = new Dictionary<Guid, string[]>();
        foreach (var entry in entries)
            histories[entry.Id] = await Eventually.GetAsync(async () =>
                await HistoryAsync(entry) is { } h && h.Contains("MediaChecked") && (entry.Reviewed is null || h.Contains("EntryReviewed")) ? h : null,
                $"the history of {entry.Id}", TimeSpan.FromSeconds(60));
        var reviewer = await platform.ClientAsync("judging", "reviewer-1");
        var queue = (await reviewer.GetFromJsonAsync<JsonElement[]>($"/review/queue?campaignId={Campaign}"))!.Select(e => e.GetProperty("id").GetGuid()).ToHashSet();
        foreach (var category in new[] { "video", "recitation", "story" })
        {
            Assert.Contains(entries, e => e.Category == category && e.Reviewed is null && queue.Contains(e.Id));
            Assert.Contains(entries, e => e.Category == category && e.Reviewed == "approved" && histories[e.Id].Contains("EntryPublished"));
        }
        Assert.Contains(entries, e => e.Reviewed == "rejected");

        // Judged: micro-videos and stories wholly, recitations in part (their panel stays open for the invited judges).
        Assert.All(entries.Where(e => e.Judged), e => Assert.Contains("EntryJudged", histories[e.Id]));
        Assert.Contains(entries, e => e.Category == "recitation" && e.Reviewed == "approved" && !e.Judged);
        Assert.Contains(entries, e => e.Category == "recitation" && e.Judged);

        // Engagement closed and awards allocated for micro-videos and stories; the announcement names winners.
        var anonymous = await platform.ClientAsync("awards", null);
        foreach (var category in new[] { "video", "story" })
        {
            var closedAndAwarded = entries.Where(e => e.Category == category && e.Reviewed == "approved").ToList();
            Assert.NotEmpty(closedAndAwarded);
            foreach (var entry in closedAndAwarded)
                await Eventually.GetAsync(async () => await HistoryAsync(entry) is { } h && h.Contains("EngagementScored") && h.Contains("AwardDecided") ? h : null,
                    $"engagement score and award decision of {entry.Id}", TimeSpan.FromSeconds(60));
            var announcement = await anonymous.GetFromJsonAsync<JsonElement>($"/public/results/{Campaign}/{category}");
            Assert.NotEmpty(announcement.GetProperty("winners").EnumerateArray());
        }
        // The real default campaign is untouched.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/public/results/liaoning-2021/video")).StatusCode);

        // Every printed link answers 200 (pages that need a sign-in lead to the sign-in page); a judge's link shows their invitation.
        var links = summary.GetProperty("links");
        var judgeLinks = links.GetProperty("judgesSignIn").EnumerateArray().Select(j => j.GetProperty("link").GetString()!).ToList();
        Assert.Equal(2, judgeLinks.Count);
        var printed = judgeLinks.Concat(links.EnumerateObject().Where(p => p.Name != "judgesSignIn")
            .SelectMany(p => p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().Select(v => v.GetString()!) : [p.Value.GetString()!])).ToList();
        using var browser = new HttpClient();
        foreach (var link in printed)
        {
            var response = await browser.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link} answered {(int)response.StatusCode}");
        }
        Assert.Contains("Judge Li", await browser.GetStringAsync(judgeLinks[0]));
        Assert.Contains(printed, l => l.StartsWith(platform.DashboardUrl.ToString().TrimEnd('/'), StringComparison.Ordinal));

        // A judge follows their link in a browser, accepts, and is signed in to the works of their panel.
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync(new Uri(judgeLinks[1]));
        await page.GotoAsync(judgeLinks[1]);
        await page.ClickAsync("#accept");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/ui/judge", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("section.panel[data-category='recitation'] h2")).ToContainTextAsync("诵读");
    }

    /// <summary>Runs demo/demo.mjs against the fixture's services, as run.sh runs it against the fixed ports.</summary>
    private async Task<JsonElement> RunDemoAsync()
    {
        Assert.True(Directory.Exists(Path.Combine(DemoFolder, "node_modules", "tus-js-client")),
            $"run `npm ci` in {DemoFolder} first (scripts/test.sh and scripts/run.sh --demo do)");
        var summaryFile = Path.Combine(Path.GetTempPath(), $"campaign-demo-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("node", [Path.Combine(DemoFolder, "demo.mjs")])
        {
            WorkingDirectory = DemoFolder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var service in new[] { "submission", "judging", "engagement", "awards" })
            start.Environment[$"{service.ToUpperInvariant()}_URL"] = platform.App.GetEndpoint(service, "http").ToString().TrimEnd('/');
        start.Environment["DASHBOARD_URL"] = platform.DashboardUrl.ToString().TrimEnd('/');
        start.Environment["DEMO_SUMMARY"] = summaryFile;
        using var demo = Process.Start(start)!;
        var stdout = demo.StandardOutput.ReadToEndAsync();
        var stderr = demo.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await demo.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            demo.Kill(entireProcessTree: true);
        }
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);
        Assert.True(demo.HasExited && demo.ExitCode == 0, $"the demo failed:\n{await stderr}");
        try
        {
            return JsonDocument.Parse(await File.ReadAllTextAsync(summaryFile)).RootElement.Clone();
        }
        finally
        {
            File.Delete(summaryFile);
        }
    }

    private async Task<string[]?> HistoryAsync(DemoEntry entry)
    {
        var administrator = await platform.ClientAsync("submission", $"admin-{entry.Organization}");
        var response = await administrator.GetAsync($"/entries/{entry.Id}/history");
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<JsonElement[]>())!.Select(e => e.GetProperty("type").GetString()!).ToArray()
            : null;
    }

    private sealed record DemoEntry(Guid Id, string Category, string Organization, string? Reviewed, bool Judged);
}
