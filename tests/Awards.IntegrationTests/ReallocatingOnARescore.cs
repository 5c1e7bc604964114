using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.TestSupport;

namespace Campaign.Awards.IntegrationTests;

/// <summary>
/// Its own fixture (database and virtual host). The retry budget is the production one: what this class sees parked
/// was parked at once, not after the budget ran out.
/// </summary>
public sealed class ReallocatingOnARescore(ReallocatingOnARescore.Fixture service) : IClassFixture<ReallocatingOnARescore.Fixture>
{
    public sealed class Fixture() : ServiceFactory<Program>("awards")
    {
        protected override void Observe(BusProbe.Observer o) => o.Observe<AwardsAllocated>();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Messaging:RetryBudget", "00:12:00");
        }
    }

    [Fact]
    public async Task C1_E1_Given_an_allocation_When_its_top_work_is_disqualified_and_engagement_scores_the_others_again_Then_a_new_allocation_ranks_them_by_the_new_scores()
    {
        // The test campaign's "story" (judges 0.6, engagement 0.4): the popular work's views scale the others to almost nothing.
        var now = DateTimeOffset.UtcNow;
        var (popular, quiet, judged) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var closed = new EngagementClosed("test-2026", "story", [popular, quiet, judged], "organizer", now);
        await service.Bus.PublishAsync(new JudgingClosed("test-2026", "story", [popular, quiet, judged], "o", now), Guid.NewGuid());
        await service.Bus.PublishAsync(closed, Guid.NewGuid());
        foreach (var (id, judges, engagement) in new[] { (popular, 90m, 100m), (quiet, 80m, 0.04m), (judged, 81m, 0.01m) })
        {
            await service.Bus.PublishAsync(new EntryJudged(id, "test-2026", "story", "city-b", [], judges, "mean", now), Guid.NewGuid());
            await service.Bus.PublishAsync(new EngagementScored(id, "test-2026", "story", new Dictionary<string, long>(), engagement, "v", now), Guid.NewGuid());
        }
        var (_, first) = await service.Bus.WaitForAsync<AwardsAllocated>(a => a.CategoryId == "story");
        Assert.Equal([popular, judged, quiet], first.Results.Select(r => r.EntryId));

        await service.Bus.PublishAsync(new EntryDisqualified(popular, "test-2026", "story", "侵权", "organizer", now), Guid.NewGuid());
        var (_, second) = await service.Bus.WaitForAsync<AwardsAllocated>(a => a.Supersedes == first.AllocationId);
        Assert.Equal([popular], second.Excluded!);
        Assert.Equal([judged, quiet], second.Results.Select(r => r.EntryId));

        // Engagement hears of it too and scales the category again without the popular work: its closing first, then the scores.
        await service.Bus.PublishAsync(closed with { ScoredEntries = [quiet, judged], Revision = 1, Left = [popular], Rescored = [quiet, judged], RevisedAt = now },
            Guid.NewGuid());
        await service.Bus.PublishAsync(new EngagementScored(quiet, "test-2026", "story", new Dictionary<string, long>(), 100, "v", now, Revision: 1), Guid.NewGuid());
        await service.Bus.PublishAsync(new EngagementScored(judged, "test-2026", "story", new Dictionary<string, long>(), 25, "v", now, Revision: 1), Guid.NewGuid());

        var (_, third) = await service.Bus.WaitForAsync<AwardsAllocated>(a => a.Supersedes == second.AllocationId);
        // 80 × 0.6 + 100 × 0.4 = 88 against 81 × 0.6 + 25 × 0.4 = 58.6: the quiet work moves up.
        Assert.Equal([(quiet, 1, 100m, true), (judged, 2, 25m, false)], third.Results.Select(r => (r.EntryId, r.Rank, r.EngagementScore, r.MovedUp)));
        Assert.Empty(third.Excluded!);
        var verification = await service.ClientAs(Users.Operator).GetFromJsonAsync<JsonElement>("/results/test-2026/story/verification");
        Assert.True(verification.GetProperty("identical").GetBoolean());
        await Eventually.NeverAsync(() => service.Bus.Received<AwardsAllocated>().Count(a => a.Message.CategoryId == "story") > 3, "a fourth allocation of story");
    }

    [Fact]
    public async Task A_fact_without_a_message_id_is_parked_at_once_rather_than_retried_for_the_whole_budget()
    {
        await service.Bus.PublishAsync(new EntryWithdrawn(Guid.CreateVersion7(), "test-2026", "clip", "submitter", DateTimeOffset.UtcNow), null);
        await Eventually.GetAsync(async () =>
            await service.Servers.MessagesInQueueAsync(service.RabbitMq, "awards-category-results-recorder_error") == 1 ? "" : null,
            "the fact without a message id parked");
    }
}
