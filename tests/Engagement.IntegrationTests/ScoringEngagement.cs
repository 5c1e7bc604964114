using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.TestSupport;

namespace Campaign.Engagement.IntegrationTests;

public sealed class EngagementFixture() : ServiceFactory<Program>("engagement")
{
    protected override void Observe(BusProbe.Observer o) => o.Observe<EngagementScored>().Observe<EngagementClosed>();
}

public sealed class ScoringEngagement(EngagementFixture service) : IClassFixture<EngagementFixture>
{
    [Fact]
    public async Task E1_feeds_post_figures_for_published_entries_and_closing_scores_them_by_the_formula()
    {
        var top = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        await service.Bus.PublishAsync(new EntryPublished(top, "test-2026", "clip", "site", "https://x/1", "o", DateTimeOffset.UtcNow), Guid.NewGuid());
        await service.Bus.PublishAsync(new EntryPublished(other, "test-2026", "clip", "video-app", "https://x/2", "o", DateTimeOffset.UtcNow), Guid.NewGuid());

        var site = service.ClientAs(Users.Feed("site"));
        await Eventually.GetAsync(async () =>
            (await site.PostAsJsonAsync($"/entries/{top}/figures", new { figures = new { views = 300, likes = 100 } })).IsSuccessStatusCode ? "" : null,
            "the publication reaching engagement");
        var app = service.ClientAs(Users.Feed("video-app"));
        await Eventually.GetAsync(async () =>
            (await app.PostAsJsonAsync($"/entries/{other}/figures", new { figures = new { views = 100, likes = 25 } })).IsSuccessStatusCode ? "" : null,
            "the second publication");

        Assert.Equal(HttpStatusCode.Conflict, (await site.PostAsJsonAsync($"/entries/{other}/figures", new { figures = new { views = 1 } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.ClientAs(Users.Worker(1)).PostAsJsonAsync($"/entries/{top}/figures", new { figures = new { views = 1 } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await site.PostAsync("/engagement/test-2026/clip/close", null)).StatusCode);

        (await service.ClientAs(Users.Organizer).PostAsync("/engagement/test-2026/clip/close", null)).EnsureSuccessStatusCode();

        // The test campaign's linear formula: views + 2 × likes → 500 and 150 → 100 and 30.
        var (_, topScore) = await service.Bus.WaitForAsync<EngagementScored>(s => s.EntryId == top);
        var (_, otherScore) = await service.Bus.WaitForAsync<EngagementScored>(s => s.EntryId == other);
        Assert.Equal((100m, 30m, "test-linear-v1"), (topScore.Score, otherScore.Score, topScore.FormulaVersion));
        Assert.Equal(300, topScore.Figures["views"]);
        var (_, closed) = await service.Bus.WaitForAsync<EngagementClosed>(c => c.CategoryId == "clip");
        Assert.Equal(new[] { top, other }.Order(), closed.ScoredEntries);
        Assert.Equal(HttpStatusCode.Conflict, (await service.ClientAs(Users.Organizer).PostAsync("/engagement/test-2026/clip/close", null)).StatusCode);
    }

    [Fact]
    public async Task E1_a_figure_no_platform_counts_or_a_snapshot_from_the_future_is_a_problem_naming_the_field()
    {
        // A story, so that the clip category's closing in the other test counts only its own entries.
        var entry = Guid.CreateVersion7();
        await service.Bus.PublishAsync(new EntryPublished(entry, "test-2026", "story", "site", "https://x/3", "o", DateTimeOffset.UtcNow), Guid.NewGuid());
        var site = service.ClientAs(Users.Feed("site"));
        await Eventually.GetAsync(async () =>
            (await site.PostAsJsonAsync($"/entries/{entry}/figures", new { figures = new { views = 1 } })).IsSuccessStatusCode ? "" : null,
            "the publication reaching engagement");

        var huge = await site.PostAsJsonAsync($"/entries/{entry}/figures", new { figures = new { views = long.MaxValue } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, huge.StatusCode);
        var problem = await huge.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("E1", problem.GetProperty("ruleId").GetString());
        Assert.StartsWith($"figures.views 为 {long.MaxValue}，", problem.GetProperty("detail").GetString());

        var request = new HttpRequestMessage(HttpMethod.Post, $"/entries/{entry}/figures")
        {
            Content = JsonContent.Create(new { figures = new { views = 2 }, at = "2099-01-01T00:00:00Z" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var future = await site.SendAsync(request);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        problem = await future.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("E1", problem.GetProperty("ruleId").GetString());
        Assert.StartsWith("at is 2099-01-01 00:00:00Z, later than the server's clock", problem.GetProperty("detail").GetString());
    }
}
