using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.SubmittingEntry;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

public sealed class RestartingTheService
{
    [Fact]
    public async Task Given_the_service_is_stopped_while_events_for_it_are_queued_When_it_restarts_Then_none_is_lost()
    {
        var first = new SubmissionFixture();
        await first.InitializeAsync();
        // A probe of the test's own, which lives on while the service is down.
        var probe = await BusProbe.StartAsync(first.RabbitMq, o => o.Observe<EntrySubmitted>());
        var entry = await (await first.ClientAs(Users.Worker(1) with { Affiliation = "city-b" }).PostAsJsonAsync("/entries",
            new SubmitEntryRequest("test-2026", "story", "不灭的灯", "city-b", "individual", new Consent("v1", true), "一盏灯，照亮了整个车间的夜班。")))
            .Content.ReadFromJsonAsync<Entry>();
        await probe.WaitForAsync<EntrySubmitted>(e => e.EntryId == entry!.Id);
        var restarted = first.Restarted();
        await first.DisposeAsync();

        const int published = 20;
        for (var i = 0; i < published; i++)
            await probe.PublishAsync(new EntryPublished(entry!.Id, "test-2026", "story", "site", $"https://example.org/{i}", "organizer", DateTimeOffset.UtcNow), Guid.NewGuid());

        await restarted.InitializeAsync();
        try
        {
            var client = restarted.ClientAs(Users.Worker(1));
            var history = await Eventually.GetAsync(async () =>
                await client.GetFromJsonAsync<JsonElement[]>($"/entries/{entry!.Id}/history") is { } h
                && h.Count(e => e.GetProperty("type").GetString() == nameof(EntryPublished)) >= published ? h : null,
                "all queued events recorded", TimeSpan.FromSeconds(60));
            Assert.Equal(published, history.Count(e => e.GetProperty("type").GetString() == nameof(EntryPublished)));
        }
        finally
        {
            await probe.DisposeAsync();
            await restarted.DisposeAsync();
        }
    }
}
