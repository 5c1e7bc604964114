using System.Net;
using System.Net.Http.Json;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.TestSupport;

namespace Campaign.Engagement.IntegrationTests;

/// <summary>Its own fixture (database and virtual host), so that closing "clip" here counts only these entries.</summary>
public sealed class ExcludingEntries(ExcludingEntries.Fixture service) : IClassFixture<ExcludingEntries.Fixture>
{
    public sealed class Fixture() : ServiceFactory<Program>("engagement")
    {
        protected override void Observe(BusProbe.Observer o) => o.Observe<EngagementScored>().Observe<EngagementClosed>();
    }

    private static Task<HttpResponseMessage> Post(HttpClient feed, Guid entry, long views, DateTimeOffset? at = null) =>
        feed.PostAsJsonAsync($"/entries/{entry}/figures", new { figures = new { views }, at });

    [Fact]
    public async Task C1_E1_a_withdrawn_or_disqualified_work_is_neither_scored_nor_counted_in_the_scaling_whichever_came_first()
    {
        var (popular, early, other, third) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var now = DateTimeOffset.UtcNow;
        // The disqualification of "early" reaches engagement before its publication.
        await service.Bus.PublishAsync(new EntryDisqualified(early, "test-2026", "clip", "侵权", "organizer", now), Guid.NewGuid());
        foreach (var id in new[] { popular, other, third })
            await service.Bus.PublishAsync(new EntryPublished(id, "test-2026", "clip", "site", $"https://x/{id}", "o", now), Guid.NewGuid());
        var site = service.ClientAs(Users.Feed("site"));
        await Eventually.GetAsync(async () => (await Post(site, popular, 1_000_000)).IsSuccessStatusCode ? "" : null, "the publication of the popular work");
        await Eventually.GetAsync(async () => (await Post(site, other, 400)).IsSuccessStatusCode ? "" : null, "the second publication");
        await Eventually.GetAsync(async () => (await Post(site, third, 100)).IsSuccessStatusCode ? "" : null, "the third publication");
        // E1: an older snapshot arriving late does not replace the newer one.
        Assert.Equal(HttpStatusCode.Accepted, (await Post(site, third, 50, now.AddMinutes(-10))).StatusCode);

        await service.Bus.PublishAsync(new EntryPublished(early, "test-2026", "clip", "site", "https://x/early", "o", now), Guid.NewGuid());
        await service.Bus.PublishAsync(new EntryWithdrawn(popular, "test-2026", "clip", "submitter", now), Guid.NewGuid());
        // Both are refused once engagement knows: the withdrawal has arrived, and the publication did not undo the disqualification.
        await Eventually.GetAsync(async () => (await Post(site, popular, 1)).StatusCode == HttpStatusCode.Conflict ? "" : null, "the withdrawal");
        var published = await Eventually.GetAsync(async () => await Post(site, early, 5_000_000) is { StatusCode: not HttpStatusCode.NotFound } r ? r : null,
            "the publication of the disqualified work");
        Assert.Equal(HttpStatusCode.Conflict, published.StatusCode);

        (await service.ClientAs(Users.Organizer).PostAsync("/engagement/test-2026/clip/close", null)).EnsureSuccessStatusCode();

        var (_, closed) = await service.Bus.WaitForAsync<EngagementClosed>(c => c.CategoryId == "clip");
        Assert.Equal(new[] { other, third }.Order(), closed.ScoredEntries);
        var (_, otherScore) = await service.Bus.WaitForAsync<EngagementScored>(s => s.EntryId == other);
        var (_, thirdScore) = await service.Bus.WaitForAsync<EngagementScored>(s => s.EntryId == third);
        // Scaled among the works still in: 400 is the top (100), 100 is 25 — not 1 000 000 of the withdrawn work, nor 50 of a stale snapshot.
        Assert.Equal((100m, 25m), (otherScore.Score, thirdScore.Score));
        await Eventually.NeverAsync(() => service.Bus.Received<EngagementScored>().Any(s => s.Message.EntryId == popular || s.Message.EntryId == early),
            "a score of the withdrawn or the disqualified work");
    }
}
