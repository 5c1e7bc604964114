using System.Net.Http.Json;
using Campaign.Contracts;
using Campaign.Contracts.Submission;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.SubmittingEntry;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

/// <summary>
/// No event dropped for want of a queue: on a broker where MediaCheck and Judging have never run,
/// Submission's first EntrySubmitted still lands in both their queues, to be consumed when they first start.
/// </summary>
public sealed class PublishingBeforeTheConsumersStart(SubmissionFixture service) : IClassFixture<SubmissionFixture>
{
    [Fact]
    public async Task An_event_published_before_its_consumers_ever_started_waits_in_their_queues()
    {
        var entry = (await (await service.ClientAs(Users.NewWorkerOf("city-a")).PostAsJsonAsync("/entries",
            new SubmitEntryRequest("test-2026", "story", "第一份作品", "city-a", "individual", new Consent("v1", true), "一盏灯，照亮了整个车间的夜班。")))
            .Content.ReadFromJsonAsync<Entry>())!;
        await service.Bus.WaitForAsync<EntrySubmitted>(e => e.EntryId == entry.Id);

        foreach (var queue in Listeners.Of(typeof(EntrySubmitted)))
            await Eventually.GetAsync(async () => await service.Servers.MessagesInQueueAsync(service.RabbitMq, queue) >= 1 ? queue : null,
                $"EntrySubmitted waiting in {queue}");
        Assert.Equal(["mediacheck-entry-submitted", "judging-entry-facts-recorder", "awards-entry-listing-recorder"], Listeners.Of(typeof(EntrySubmitted)));
    }
}
