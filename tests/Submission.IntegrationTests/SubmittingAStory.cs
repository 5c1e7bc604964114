using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.SubmittingEntry;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

public sealed class SubmittingAStory(SubmissionFixture service) : IClassFixture<SubmissionFixture>
{
    private static SubmitEntryRequest Story(string campaign = "test-2026", string org = "city-a") =>
        new(campaign, "story", "炉火映初心", org, "individual", new Consent("c1-2026-01", true), "劳模故事：三十年如一日，守护炉火。");

    [Fact]
    public async Task Given_an_open_window_When_a_worker_submits_a_story_Then_it_is_stored_and_EntrySubmitted_leaves_after_commit()
    {
        var worker = Users.NewWorkerOf("city-a");
        var response = await service.ClientAs(worker).PostAsJsonAsync("/entries", Story());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var entry = (await response.Content.ReadFromJsonAsync<Entry>())!;
        Assert.Equal(EntryStatus.Submitted, entry.Status);
        var (messageId, submitted) = await service.Bus.WaitForAsync<EntrySubmitted>(e => e.EntryId == entry.Id);
        Assert.Equal("city-a", submitted.OrganizationId);
        Assert.Equal(worker.Id, submitted.SubmittedBy);
        // The outbox's message id is the event's own id: consumers de-duplicate on it.
        var stored = await service.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession().Events.FetchStreamAsync(entry.Id);
        Assert.Equal(stored.Single(e => e.Data is EntrySubmitted).Id, messageId);
    }

    [Fact]
    public async Task Given_the_2021_window_has_closed_When_a_story_is_submitted_Then_T1_refuses_it_and_nothing_is_stored()
    {
        var response = await service.ClientAs(Users.Worker(2)).PostAsJsonAsync("/entries", Story("liaoning-2021", "shenyang"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("T1", problem.GetProperty("ruleId").GetString());
        Assert.Contains("Asia/Shanghai", problem.GetProperty("detail").GetString());
        await Eventually.NeverAsync(() => service.Bus.Received<EntrySubmitted>().Any(r => r.Message.SubmittedBy == "worker-2"), "an EntrySubmitted of worker-2");
    }

    [Fact]
    public async Task Refusals_are_in_Simplified_Chinese_unless_the_caller_asks_for_English()
    {
        var client = service.ClientAs(Users.NewWorker());
        var chinese = await (await client.PostAsJsonAsync("/entries", Story() with { Consent = null })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("申报须明确同意版权及使用条款", chinese.GetProperty("detail").GetString());
        Assert.Equal("违反规则 C1", chinese.GetProperty("title").GetString());
        // Refusals that name no rule too: a missing entry, a tus protocol error.
        var missing = await (await client.GetAsync($"/entries/{Guid.NewGuid()}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("作品不存在", missing.GetProperty("title").GetString());

        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB, zh;q=0.5");
        var english = await (await client.PostAsJsonAsync("/entries", Story() with { Consent = null })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("Submitting requires explicit consent", english.GetProperty("detail").GetString());
        Assert.Equal("C1", english.GetProperty("ruleId").GetString());
        Assert.Equal("Entry not found", (await (await client.GetAsync($"/entries/{Guid.NewGuid()}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task When_consent_is_missing_Then_C1_refuses_the_entry()
    {
        var response = await service.ClientAs(Users.Worker(3)).PostAsJsonAsync("/entries", Story() with { Consent = null });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("C1", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ruleId").GetString());
    }

    [Fact]
    public async Task Only_the_submitter_their_organization_and_organizers_see_an_entry()
    {
        var created = await (await service.ClientAs(Users.Worker(4)).PostAsJsonAsync("/entries", Story())).Content.ReadFromJsonAsync<Entry>();
        var path = $"/entries/{created!.Id}/history";

        Assert.Equal(HttpStatusCode.OK, (await service.ClientAs(Users.Worker(4)).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.ClientAs(Users.AdminOf("city-a")).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.ClientAs(Users.Organizer).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.ClientAs(Users.Worker(5)).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await service.ClientAs(Users.AdminOf("city-b")).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await service.ClientAs(null).GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Given_an_administrator_of_another_organization_When_they_use_the_organization_port_Then_O3_refuses()
    {
        var response = await service.ClientAs(Users.AdminOf("city-b")).PostAsJsonAsync("/entries", Story() with { Port = "organization" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("O3", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ruleId").GetString());
    }

    [Fact]
    public async Task Given_the_same_MediaChecked_delivered_twice_Then_the_history_records_it_once()
    {
        var worker = Users.NewWorkerOf("city-a");
        var entry = await (await service.ClientAs(worker).PostAsJsonAsync("/entries", Story())).Content.ReadFromJsonAsync<Entry>();
        var check = new MediaChecked(entry!.Id, "test-2026", "story", Verdict.Passed,
            [new Finding("S1", FindingStatus.Pass, "20", "10–40", "ok")], DateTimeOffset.UtcNow);
        var messageId = Guid.NewGuid();

        await service.Bus.PublishAsync(check, messageId);
        await service.Bus.PublishAsync(check, messageId);

        var client = service.ClientAs(worker);
        var checkedEntry = await Eventually.GetAsync(async () =>
            await client.GetFromJsonAsync<Entry>($"/entries/{entry.Id}") is { Status: EntryStatus.MediaChecked } e ? e : null, "the media check");
        Assert.Equal(Verdict.Passed, checkedEntry.MediaVerdict);
        // A later, distinct event proves the duplicate had its chance to be applied before we count.
        await service.Bus.PublishAsync(check with { Verdict = Verdict.NeedsReview }, Guid.NewGuid());
        await Eventually.GetAsync(async () =>
            await client.GetFromJsonAsync<Entry>($"/entries/{entry.Id}") is { MediaVerdict: Verdict.NeedsReview } e ? e : null, "the second check");

        var history = await client.GetFromJsonAsync<JsonElement[]>($"/entries/{entry.Id}/history");
        Assert.Equal(["ConsentGiven", "EntrySubmitted", "MediaChecked", "MediaChecked"], history!.Select(h => h.GetProperty("type").GetString()));
    }
}
