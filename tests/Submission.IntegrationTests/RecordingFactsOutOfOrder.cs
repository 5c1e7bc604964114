using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.RecordingLifecycle;
using Campaign.Submission.Entries.SubmittingEntry;
using Campaign.TestSupport;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.Submission.IntegrationTests;

/// <summary>Facts about an entry reach Submission late, twice, or in another order than they happened.</summary>
public sealed class RecordingFactsOutOfOrder(SubmissionFixture service) : IClassFixture<SubmissionFixture>
{
    private static SubmitEntryRequest Story() =>
        new("test-2026", "story", "炉火映初心", "city-a", "individual", new Consent("c1-2026-01", true), "劳模故事：三十年如一日，守护炉火。");

    [Fact]
    public async Task Given_a_judged_entry_When_a_publication_is_recorded_after_the_judging_Then_it_stays_judged_and_C1_refuses_its_withdrawal()
    {
        var worker = Users.NewWorkerOf("city-a");
        var client = service.ClientAs(worker);
        var entry = (await (await client.PostAsJsonAsync("/entries", Story())).Content.ReadFromJsonAsync<Entry>())!;

        await service.Bus.PublishAsync(new EntryJudged(entry.Id, "test-2026", "story", "city-a", [new JudgeScore("judge-1", 88)], 88, "mean",
            DateTimeOffset.UtcNow), Guid.NewGuid());
        await Eventually.GetAsync(async () =>
            await client.GetFromJsonAsync<Entry>($"/entries/{entry.Id}") is { Status: EntryStatus.Judged } e ? e : null, "the judging");
        await service.Bus.PublishAsync(new EntryPublished(entry.Id, "test-2026", "story", "site", "https://example.org/late", "organizer",
            DateTimeOffset.UtcNow.AddMinutes(-5)), Guid.NewGuid());
        await Eventually.GetAsync(async () =>
            await client.GetFromJsonAsync<JsonElement[]>($"/entries/{entry.Id}/history") is { } h
            && h.Any(e => e.GetProperty("type").GetString() == nameof(EntryPublished)) ? h : null, "the late publication recorded");

        var recorded = await client.GetFromJsonAsync<Entry>($"/entries/{entry.Id}");
        Assert.Equal((EntryStatus.Judged, 88m), (recorded!.Status, recorded.JudgesScore));
        var withdrawal = await client.PostAsync($"/entries/{entry.Id}/withdrawal", null);
        Assert.Equal(HttpStatusCode.Conflict, withdrawal.StatusCode);
        Assert.Equal("C1", (await withdrawal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ruleId").GetString());
    }

    [Fact]
    public async Task Given_no_entry_with_that_id_When_a_fact_about_it_arrives_Then_it_is_kept_and_no_entry_is_made_of_it()
    {
        var unknown = Guid.NewGuid();
        await service.Bus.PublishAsync(new MediaChecked(unknown, "test-2026", "story", Verdict.Passed, [], DateTimeOffset.UtcNow, []), Guid.NewGuid());

        await using var query = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var kept = await Eventually.GetAsync(async () =>
            await query.Query<FactAboutUnknownEntry>().SingleOrDefaultAsync(f => f.EntryId == unknown), "the fact kept");
        Assert.Equal(nameof(MediaChecked), kept.Type);
        Assert.Empty(await query.Events.FetchStreamAsync(unknown));
        Assert.Null(await query.LoadAsync<Entry>(unknown));
        Assert.Equal(HttpStatusCode.NotFound, (await service.ClientAs(Users.Organizer).GetAsync($"/entries/{unknown}")).StatusCode);
    }
}
