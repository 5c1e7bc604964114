using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.TestSupport;

namespace Campaign.Engagement.IntegrationTests;

/// <summary>
/// Its own fixture (database and virtual host), so that closing "clip" here counts only these entries. The retry budget is
/// the production one: what this class sees parked was parked at once, not after the budget ran out.
/// </summary>
public sealed class LeavingAfterTheClosing(LeavingAfterTheClosing.Fixture service) : IClassFixture<LeavingAfterTheClosing.Fixture>
{
    public sealed class Fixture() : ServiceFactory<Program>("engagement")
    {
        protected override void Observe(BusProbe.Observer o) => o.Observe<EngagementScored>().Observe<EngagementClosed>();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Messaging:RetryBudget", "00:12:00");
        }
    }

    [Fact]
    public async Task C1_E1_Given_a_closed_category_When_its_top_work_is_disqualified_Then_the_others_are_scored_again_without_it()
    {
        var (top, second, third) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var now = DateTimeOffset.UtcNow;
        var site = service.ClientAs(Users.Feed("site"));
        foreach (var (id, views) in new[] { (top, 1_000_000), (second, 400), (third, 100) })
        {
            await service.Bus.PublishAsync(new EntryPublished(id, "test-2026", "clip", "site", $"https://x/{id}", "o", now), Guid.NewGuid());
            await Eventually.GetAsync(async () => (await site.PostAsJsonAsync($"/entries/{id}/figures", new { figures = new { views } })).IsSuccessStatusCode ? "" : null,
                "the publication reaching engagement");
        }
        (await service.ClientAs(Users.Organizer).PostAsync("/engagement/test-2026/clip/close", null)).EnsureSuccessStatusCode();
        var (_, closed) = await service.Bus.WaitForAsync<EngagementClosed>(c => c.CategoryId == "clip");
        Assert.Equal(0, closed.Revision);
        // Linear: the popular work's million views scale the others down to almost nothing.
        Assert.Equal(0.04m, (await service.Bus.WaitForAsync<EngagementScored>(s => s.EntryId == second)).Message.Score);

        var disqualification = (Message: new EntryDisqualified(top, "test-2026", "clip", "侵权", "organizer", now), Id: Guid.NewGuid());
        await service.Bus.PublishAsync(disqualification.Message, disqualification.Id);
        await service.Bus.PublishAsync(disqualification.Message, disqualification.Id); // redelivered
        await service.Bus.PublishAsync(new EntryWithdrawn(top, "test-2026", "clip", "submitter", now), Guid.NewGuid()); // and withdrawn too

        var (_, revised) = await service.Bus.WaitForAsync<EngagementClosed>(c => c.CategoryId == "clip" && c.Revision == 1);
        Assert.Equal(new[] { second, third }.Order(), revised.ScoredEntries);
        Assert.Equal([top], revised.Left!);
        Assert.Equal(new[] { second, third }.Order(), revised.Rescored!);
        Assert.Equal((closed.ClosedBy, closed.ClosedAt, closed.Scaling), (revised.ClosedBy, revised.ClosedAt, revised.Scaling));
        // Scaled among the works still in: 400 is the top (100), 100 is 25.
        Assert.Equal(100m, (await service.Bus.WaitForAsync<EngagementScored>(s => s.EntryId == second && s.Revision == 1)).Message.Score);
        Assert.Equal(25m, (await service.Bus.WaitForAsync<EngagementScored>(s => s.EntryId == third && s.Revision == 1)).Message.Score);

        var organizer = service.ClientAs(Users.Organizer);
        Assert.Equal(100m, (await organizer.GetFromJsonAsync<JsonElement>($"/engagement/entries/{second}/figures")).GetProperty("score").GetDecimal());
        Assert.Equal(JsonValueKind.Null, (await organizer.GetFromJsonAsync<JsonElement>($"/engagement/entries/{top}/figures")).GetProperty("score").ValueKind);
        // The second exclusion of the same work, and the redelivery, change nothing more.
        await Eventually.NeverAsync(() => service.Bus.Received<EngagementClosed>().Any(c => c.Message.CategoryId == "clip" && c.Message.Revision > 1),
            "a second revision of the closing");
        Assert.Equal(2, service.Bus.Received<EngagementScored>().Count(s => s.Message.Revision == 1));
        Assert.DoesNotContain(service.Bus.Received<EngagementScored>(), s => s.Message.EntryId == top && s.Message.Revision > 0);
    }

    [Fact]
    public async Task A_fact_without_a_message_id_is_parked_at_once_rather_than_retried_for_the_whole_budget()
    {
        await service.Bus.PublishAsync(new EntryWithdrawn(Guid.CreateVersion7(), "test-2026", "clip", "submitter", DateTimeOffset.UtcNow), null);
        await Eventually.GetAsync(async () =>
            await service.Servers.MessagesInQueueAsync(service.RabbitMq, "engagement-publication-recorder_error") == 1 ? "" : null,
            "the fact without a message id parked");
    }
}
