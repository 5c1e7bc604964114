using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Campaign.TestSupport;
using Microsoft.Playwright;

namespace Campaign.EndToEnd;

[Collection(nameof(PlatformCollection))]
public sealed class FromSubmissionToAward(PlatformFixture platform)
{
    private const string Campaign = "test-2026";

    [Fact]
    public async Task A_story_travels_from_submission_through_check_review_publication_judging_and_engagement_to_an_award()
    {
        // worker-6's token shows no affiliation (O3): city-b's administrator confirms the entry is one of theirs.
        var worker = await platform.ClientAsync("submission", "worker-6");
        var cityAdministrator = await platform.ClientAsync("submission", "admin-city-b");
        var reviewer = await platform.ClientAsync("judging", "reviewer-1");
        var organizerJudging = await platform.ClientAsync("judging", "organizer");
        var organizerEngagement = await platform.ClientAsync("engagement", "organizer");
        var feed = await platform.ClientAsync("engagement", "feed-site");
        var organizerAwards = await platform.ClientAsync("awards", "organizer");

        // Submission: a story (text only) through the individual port.
        var submitted = await worker.PostAsJsonAsync("/entries", new
        {
            campaignId = Campaign, categoryId = "story", title = "炉火映初心", organizationId = "city-b", port = "individual",
            consent = new { textVersion = "c1-2026", accepted = true }, storyText = "三十年如一日，他守护着高炉的火焰，也守护着一群年轻人的梦想。",
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var held = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var entryId = held.GetProperty("id").GetGuid();
        Assert.True(held.GetProperty("awaitingAffiliation").GetBoolean());
        (await cityAdministrator.PostAsJsonAsync($"/entries/{entryId}/affiliation", new { accepted = true })).EnsureSuccessStatusCode();

        // MediaCheck (S1) → Judging's review queue; the reviewer sees the finding and approves (P1).
        var queued = await Eventually.GetAsync(async () =>
            (await reviewer.GetFromJsonAsync<JsonElement[]>($"/review/queue?campaignId={Campaign}"))!
                .FirstOrDefault(e => e.GetProperty("id").GetGuid() == entryId) is { ValueKind: JsonValueKind.Object } e ? new Box(e) : null,
            "the entry reaching review", TimeSpan.FromSeconds(60));
        Assert.Equal("S1", queued.Value.GetProperty("findings")[0].GetProperty("ruleId").GetString());
        // Review, publication record and judging happen in the judges' web UI, in Chromium (P1, J2).
        await using var chromium = await Chromium.LaunchAsync();
        var judgingUi = platform.App.CreateHttpClient("judging", "http").BaseAddress!;
        var reviewing = await chromium.SignedInAsync(judgingUi, "reviewer-1");
        await reviewing.GotoAsync($"/ui/review/{entryId}");
        await reviewing.CheckAsync("#check-S4");
        await reviewing.ClickAsync("#approve");
        await Assertions.Expect(reviewing.Locator("#review-state")).ToHaveTextAsync("已通过审核"); // on the page the approval leads to
        await reviewing.SelectOptionAsync("#platform", "site");
        await reviewing.FillAsync("#url", "https://union.example.org/works/1");
        await reviewing.ClickAsync("#publish");
        await reviewing.WaitForSelectorAsync("#publications li");

        // Judging: a panel of three (the test campaign's J1); each judge scores and submits in the browser (J2).
        (await organizerJudging.PutAsJsonAsync($"/panels/{Campaign}/story", new { judges = new[] { new { id = "judge-1" }, new { id = "judge-2" }, new { id = "judge-3" } } }))
            .EnsureSuccessStatusCode();
        decimal[] scores = [90, 60, 84];
        for (var j = 0; j < 3; j++)
        {
            var judge = await chromium.SignedInAsync(judgingUi, $"judge-{j + 1}");
            await judge.ClickAsync($"a[href='/ui/judge/entries/{entryId}']");
            await judge.FillAsync("#score", scores[j].ToString(CultureInfo.InvariantCulture));
            await judge.ClickAsync("#submit");
            await judge.WaitForSelectorAsync("#my-score");
        }
        var outsider = await platform.ClientAsync("judging", "judge-7");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutAsJsonAsync($"/judging/entries/{entryId}/score", new { score = 1 })).StatusCode);

        // Engagement: once the publication has reached it, the platform's feed posts figures (E1).
        await Eventually.GetAsync(async () =>
            (await feed.PostAsJsonAsync($"/entries/{entryId}/figures", new { figures = new { views = 1200, likes = 80 } })).IsSuccessStatusCode ? "" : null,
            "the publication reaching engagement", TimeSpan.FromSeconds(60));

        (await organizerJudging.PostAsync($"/panels/{Campaign}/story/close", null)).EnsureSuccessStatusCode();
        (await organizerEngagement.PostAsync($"/engagement/{Campaign}/story/close", null)).EnsureSuccessStatusCode();

        // Awards: J3 with the test campaign's weights (0.6 / 0.4) and its trimmed mean; the only entry is top in engagement.
        var results = await Eventually.GetAsync(async () =>
            await organizerAwards.GetAsync($"/results/{Campaign}/story") is { IsSuccessStatusCode: true } r ? new Box(await r.Content.ReadFromJsonAsync<JsonElement>()) : null,
            "awards allocated", TimeSpan.FromSeconds(60));
        var mine = results.Value.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("entryId").GetGuid() == entryId);
        Assert.Equal(84m, mine.GetProperty("judgesScore").GetDecimal());      // trimmed mean of 90, 60, 84
        Assert.Equal(100m, mine.GetProperty("engagementScore").GetDecimal());
        Assert.Equal(90.4m, mine.GetProperty("finalScore").GetDecimal());     // 0.6 × 84 + 0.4 × 100
        Assert.Equal("gold", mine.GetProperty("tierId").GetString());
        var verification = await organizerAwards.GetFromJsonAsync<JsonElement>($"/results/{Campaign}/story/verification");
        Assert.True(verification.GetProperty("identical").GetBoolean());

        // Submission: the entry's history tells the whole lifecycle from one stream, in the order it happened (each fact by its own time).
        var history = await Eventually.GetAsync(async () =>
            await worker.GetFromJsonAsync<JsonElement[]>($"/entries/{entryId}/history") is { } h
            && h.Any(e => e.GetProperty("type").GetString() == "AwardDecided") ? h : null, "the award in the history", TimeSpan.FromSeconds(60));
        var types = history.Select(e => e.GetProperty("type").GetString()!).ToList();
        Assert.Equal(["ConsentGiven", "EntryHeld", "AffiliationConfirmed", "EntrySubmitted", "MediaChecked", "EntryReviewed", "EntryPublished"], types.Take(7));
        // Judging and engagement close on their own and are heard from two services: either may be recorded first (DESIGN.md).
        Assert.Equal(["EngagementScored", "EntryJudged"], types.Skip(7).Take(2).Order());
        Assert.Equal(["AwardDecided"], types.Skip(9));
        Assert.Equal("金奖", history[^1].GetProperty("data").GetProperty("tierName").GetString());
        var judgedAsTheSubmitterSeesIt = history.Single(e => e.GetProperty("type").GetString() == "EntryJudged").GetProperty("data");
        Assert.Equal(84m, judgedAsTheSubmitterSeesIt.GetProperty("judgesScore").GetDecimal());
        Assert.False(judgedAsTheSubmitterSeesIt.TryGetProperty("scores", out _)); // each judge's score stays with the organizers
    }

    [Fact]
    public async Task Every_service_refuses_an_anonymous_caller_and_serves_its_API_reference()
    {
        // One endpoint each service serves; a path no service serves is a 404 for anyone.
        var served = new Dictionary<string, string>
        {
            ["submission"] = "/entries/00000000-0000-0000-0000-000000000001",
            ["mediacheck"] = "/checks/00000000-0000-0000-0000-000000000001",
            ["judging"] = "/review/queue",
            ["engagement"] = "/operations/parked",
            ["awards"] = "/results/liaoning-2021/story",
        };
        foreach (var service in PlatformFixture.Services)
        {
            var anonymous = await platform.ClientAsync(service, null);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(served[service])).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/no-such-path")).StatusCode);
        }
    }

    private sealed record Box(JsonElement Value);
}
