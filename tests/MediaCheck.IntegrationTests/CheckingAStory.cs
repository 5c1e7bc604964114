using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.TestSupport;

namespace Campaign.MediaCheck.IntegrationTests;

public sealed class MediaCheckFixture() : ServiceFactory<Program>("mediacheck")
{
    protected override void Observe(BusProbe.Observer o) => o.Observe<MediaChecked>();
}

public sealed class CheckingAStory(MediaCheckFixture service) : IClassFixture<MediaCheckFixture>
{
    private static EntrySubmitted Story(string text, string campaign = "test-2026") =>
        new(Guid.CreateVersion7(), campaign, "story", "t", "city-a", "individual", "worker-1", text, [], DateTimeOffset.UtcNow);

    [Fact]
    public async Task S1_a_submitted_story_is_counted_and_the_finding_published_after_commit()
    {
        var entry = Story("一二三四五六七八九十，劳模精神。");
        await service.Bus.PublishAsync(entry, Guid.NewGuid());

        var (messageId, check) = await service.Bus.WaitForAsync<MediaChecked>(c => c.EntryId == entry.EntryId);
        Assert.Equal(Verdict.Passed, check.Verdict);
        var s1 = Assert.Single(check.Findings);
        Assert.Equal(("S1", FindingStatus.Pass, "16", "10–40"), (s1.RuleId, s1.Status, s1.Measured, s1.Limit));
        Assert.Equal("S1 passed: 16 (limit 10–40).", s1.MessageEn);
        // The outbox's message id is the event's own id: consumers de-duplicate on it.
        await using (var session = service.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession())
            Assert.Equal((await session.Events.FetchStreamAsync(entry.EntryId)).Single(e => e.Data is MediaChecked).Id, messageId);

        var stored = await service.ClientAs(Users.Reviewer).GetFromJsonAsync<MediaChecked>($"/checks/{entry.EntryId}");
        Assert.Equal(check.Findings, stored!.Findings);
        Assert.Equal(HttpStatusCode.Forbidden, (await service.ClientAs(Users.Worker(1)).GetAsync($"/checks/{entry.EntryId}")).StatusCode);
    }

    [Fact]
    public async Task S1_a_story_too_short_fails()
    {
        var entry = Story("太短");
        await service.Bus.PublishAsync(entry, Guid.NewGuid());
        var (_, check) = await service.Bus.WaitForAsync<MediaChecked>(c => c.EntryId == entry.EntryId);
        Assert.Equal((Verdict.Failed, "2"), (check.Verdict, check.Findings[0].Measured));
    }

    [Fact]
    public async Task Given_the_same_EntrySubmitted_delivered_twice_Then_it_is_checked_once()
    {
        var entry = Story("一二三四五六七八九十一二");
        var messageId = Guid.NewGuid();
        await service.Bus.PublishAsync(entry, messageId);
        await service.Bus.PublishAsync(entry, messageId);
        var later = Story("十九八七六五四三二一〇一二");
        await service.Bus.PublishAsync(later, Guid.NewGuid());

        await service.Bus.WaitForAsync<MediaChecked>(c => c.EntryId == later.EntryId);
        await Eventually.NeverAsync(() => service.Bus.Received<MediaChecked>().Count(r => r.Message.EntryId == entry.EntryId) > 1, "a second check of the duplicate");
        Assert.Single(service.Bus.Received<MediaChecked>(), r => r.Message.EntryId == entry.EntryId);
    }

    [Fact]
    public async Task A_poison_message_is_retried_then_moved_to_the_error_queue_without_blocking_the_next()
    {
        var poison = Story("一二三四五六七八九十一二", campaign: "no-such-campaign");
        await service.Bus.PublishAsync(poison, Guid.NewGuid());
        var next = Story("一二三四五六七八九十一二三");
        await service.Bus.PublishAsync(next, Guid.NewGuid());

        await service.Bus.WaitForAsync<MediaChecked>(c => c.EntryId == next.EntryId);
        await Eventually.GetAsync(async () =>
            await service.Servers.MessagesInQueueAsync(service.RabbitMq, "mediacheck-entry-submitted_error") >= 1 ? "" : null,
            "the poison message in the error queue", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(service.Bus.Received<MediaChecked>(), r => r.Message.EntryId == poison.EntryId);
    }
}
