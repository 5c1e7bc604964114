using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.Campaigns;
using Campaign.Judging.Panels;
using Campaign.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.Judging.IntegrationTests;

public sealed class JudgingFixture() : ServiceFactory<Program>("judging")
{
    protected override void Observe(BusProbe.Observer o) => o.Observe<EntryReviewed>().Observe<EntryPublished>().Observe<EntryJudged>().Observe<JudgingClosed>();
}

public sealed class ReviewingAndScoring(JudgingFixture service) : IClassFixture<JudgingFixture>
{
    private async Task<Guid> CheckedEntry(string category, Verdict verdict)
    {
        var id = Guid.CreateVersion7();
        // Media check first, submission second: the two queues give no order between them.
        await service.Bus.PublishAsync(new MediaChecked(id, "test-2026", category, verdict, [new Finding("S1", FindingStatus.Pass, "12", "10–40", "ok")], DateTimeOffset.UtcNow), Guid.NewGuid());
        await service.Bus.PublishAsync(new EntrySubmitted(id, "test-2026", category, "标题", "city-c", "individual", "worker-1", "正文", [], DateTimeOffset.UtcNow), Guid.NewGuid());
        return id;
    }

    private static CampaignCatalog Catalog(IServiceScope scope) => scope.ServiceProvider.GetRequiredService<CampaignCatalog>();

    private async Task<JsonElement[]> Queue() =>
        (await service.ClientAs(Users.Reviewer).GetFromJsonAsync<JsonElement[]>("/review/queue?campaignId=test-2026"))!;

    [Fact]
    public async Task P1_a_checked_entry_waits_for_review_and_an_approval_leaves_as_EntryReviewed()
    {
        var id = await CheckedEntry("story", Verdict.NeedsReview);
        await Eventually.GetAsync(async () => (await Queue()).Any(e => e.GetProperty("id").GetGuid() == id) ? "" : null, "the entry in the queue");

        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await service.ClientAs(Users.Reviewer).PostAsJsonAsync($"/review/{id}", new { approved = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await service.ClientAs(Users.Judge(1)).PostAsJsonAsync($"/review/{id}", new { approved = true })).StatusCode);
        // P1: the API refuses an approval that skips the category's human-review checklist, as the page does.
        var withoutChecklist = await service.ClientAs(Users.Reviewer).PostAsJsonAsync($"/review/{id}", new { approved = true });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutChecklist.StatusCode);
        Assert.Equal("P1", (await withoutChecklist.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ruleId").GetString());
        (await service.ClientAs(Users.Reviewer).PostAsJsonAsync($"/review/{id}", new { approved = true, @checked = new[] { "S4" } })).EnsureSuccessStatusCode();

        var (_, reviewed) = await service.Bus.WaitForAsync<EntryReviewed>(r => r.EntryId == id);
        Assert.True(reviewed.Approved);
        Assert.DoesNotContain(await Queue(), e => e.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task P1_an_address_is_where_one_work_was_published_never_a_second()
    {
        var reviewer = service.ClientAs(Users.Reviewer);
        var (a, b) = (await CheckedEntry("story", Verdict.NeedsReview), await CheckedEntry("story", Verdict.NeedsReview));
        foreach (var id in new[] { a, b })
        {
            await Eventually.GetAsync(async () => (await Queue()).Any(e => e.GetProperty("id").GetGuid() == id) ? "" : null, "the entry in the queue");
            (await reviewer.PostAsJsonAsync($"/review/{id}", new { approved = true, @checked = new[] { "S4" } })).EnsureSuccessStatusCode();
        }

        var address = new { platformId = "site", url = $"https://site.example/works/{a}" };
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/entries/{a}/publications", address)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/entries/{a}/publications", address)).StatusCode); // the same work, again
        var second = await reviewer.PostAsJsonAsync($"/entries/{b}/publications", address); // would move a's engagement figures to b
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("P1", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ruleId").GetString());
        var future = await reviewer.PostAsJsonAsync($"/entries/{b}/publications",
            new { platformId = "site", url = $"https://site.example/works/{b}", publishedAt = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.Equal("P1", (await future.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ruleId").GetString());
    }

    [Fact]
    public async Task P1_a_failed_media_check_never_reaches_the_queue()
    {
        var failed = await CheckedEntry("story", Verdict.Failed);
        var passed = await CheckedEntry("story", Verdict.Passed);
        await Eventually.GetAsync(async () => (await Queue()).Any(e => e.GetProperty("id").GetGuid() == passed) ? "" : null, "the passed entry");
        Assert.DoesNotContain(await Queue(), e => e.GetProperty("id").GetGuid() == failed);
    }

    [Fact]
    public async Task J2_judges_of_the_panel_score_blind_and_the_last_score_publishes_EntryJudged()
    {
        var id = await CheckedEntry("clip", Verdict.Passed);
        await Eventually.GetAsync(async () => (await Queue()).Any(e => e.GetProperty("id").GetGuid() == id) ? "" : null, "the entry in the queue");
        (await service.ClientAs(Users.Reviewer).PostAsJsonAsync($"/review/{id}", new { approved = true, @checked = new[] { "V6" } })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden,
            (await service.ClientAs(Users.Judge(1)).PutAsJsonAsync("/panels/test-2026/clip", new { judges = new[] { new { id = "judge-1" }, new { id = "judge-2" }, new { id = "judge-3" } } })).StatusCode);
        (await service.ClientAs(Users.Organizer).PutAsJsonAsync("/panels/test-2026/clip", new { judges = new[] { new { id = "judge-1" }, new { id = "judge-2" }, new { id = "judge-3" } } })).EnsureSuccessStatusCode();

        var assignments = await service.ClientAs(Users.Judge(1)).GetFromJsonAsync<JsonElement[]>("/judging/assignments");
        var assignment = Assert.Single(assignments!, a => a.GetProperty("entryId").GetGuid() == id);
        Assert.False(assignment.TryGetProperty("organizationId", out _)); // blind
        Assert.Empty((await service.ClientAs(Users.Judge(4)).GetFromJsonAsync<JsonElement[]>("/judging/assignments"))!);

        var tooHigh = await service.ClientAs(Users.Judge(1)).PutAsJsonAsync($"/judging/entries/{id}/score", new { score = 101 });
        Assert.Equal("J2", (await tooHigh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ruleId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await service.ClientAs(Users.Judge(4)).PutAsJsonAsync($"/judging/entries/{id}/score", new { score = 50 })).StatusCode);
        foreach (var (judge, score) in new[] { (1, 70m), (2, 90m), (3, 80m) })
        {
            (await service.ClientAs(Users.Judge(judge)).PutAsJsonAsync($"/judging/entries/{id}/score", new { score, comment = "好" })).EnsureSuccessStatusCode();
            // J2: another judge's score stays hidden while judging is open.
            var seen = await service.ClientAs(Users.Judge(judge)).GetFromJsonAsync<JsonElement>($"/judging/entries/{id}");
            Assert.Equal(score, seen.GetProperty("myScore").GetDecimal());
            Assert.Equal(JsonValueKind.Null, seen.GetProperty("panelScores").ValueKind);
            (await service.ClientAs(Users.Judge(judge)).PostAsync($"/judging/entries/{id}/submit", null)).EnsureSuccessStatusCode();
        }

        var (_, judged) = await service.Bus.WaitForAsync<EntryJudged>(j => j.EntryId == id);
        Assert.Equal(80m, judged.JudgesScore); // the test campaign's trimmed mean
        Assert.Equal("city-c", judged.OrganizationId);
        Assert.Equal(3, judged.Scores.Count);

        (await service.ClientAs(Users.Organizer).PostAsync("/panels/test-2026/clip/close", null)).EnsureSuccessStatusCode();
        var (_, closed) = await service.Bus.WaitForAsync<JudgingClosed>(c => c.CategoryId == "clip");
        Assert.Contains(id, closed.JudgedEntries);
        Assert.Equal(HttpStatusCode.Conflict, (await service.ClientAs(Users.Organizer).PostAsync("/panels/test-2026/clip/close", null)).StatusCode);
        var after = await service.ClientAs(Users.Judge(1)).GetFromJsonAsync<JsonElement>($"/judging/entries/{id}");
        Assert.Equal([70m, 90m, 80m], after.GetProperty("panelScores").EnumerateArray().Select(s => s.GetDecimal()));
    }

    [Fact]
    public async Task J1_judges_accepting_invitations_at_the_same_moment_never_lose_a_seat()
    {
        var invitations = new List<Panels.Invitation>();
        for (var i = 0; i < 4; i++)
        {
            using var scope = service.Services.CreateScope();
            invitations.Add((await Panels.InviteJudge.HandleAsync(scope.ServiceProvider.GetRequiredService<IDocumentSession>(), Catalog(scope),
                "test-2026", "story", new Panels.InviteRequest($"评委{i}", null), "organizer", DateTimeOffset.UtcNow, CancellationToken.None)).Invitation);
        }

        async Task<bool> Seat(Panels.Invitation invitation)
        {
            using var scope = service.Services.CreateScope();
            try
            {
                await Panels.AcceptInvitation.HandleAsync(scope.ServiceProvider.GetRequiredService<IDocumentSession>(), Catalog(scope), invitation,
                    DateTimeOffset.UtcNow, CancellationToken.None);
                return true;
            }
            catch (Exception e) when (e is JasperFx.ConcurrencyException or JasperFx.DocumentAlreadyExistsException)
            {
                return false; // refused, not lost: the judge presses accept again
            }
        }
        var seated = await Task.WhenAll(invitations.Select(Seat));
        using (var scope = service.Services.CreateScope())
        {
            var panel = await scope.ServiceProvider.GetRequiredService<IDocumentSession>().PanelAsync("test-2026", "story", CancellationToken.None);
            Assert.Equal(invitations.Where((_, i) => seated[i]).Select(i => i.JudgeId).Order(), panel!.Judges.Select(j => j.Id).Order());
        }
        foreach (var (invitation, i) in invitations.Select((x, i) => (x, i)).Where(x => !seated[x.i])) Assert.True(await Seat(invitation));
        using (var scope = service.Services.CreateScope())
        {
            var panel = await scope.ServiceProvider.GetRequiredService<IDocumentSession>().PanelAsync("test-2026", "story", CancellationToken.None);
            Assert.Equal(invitations.Select(i => i.JudgeId).Order(), panel!.Judges.Select(j => j.Id).Order());
        }
    }
}
