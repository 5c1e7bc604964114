using System.Net.Http.Json;
using Campaign.Contracts.Judging;
using Campaign.TestSupport;

namespace Campaign.Engagement.IntegrationTests;

public sealed class ReadingTheMetrics(EngagementFixture service) : IClassFixture<EngagementFixture>
{
    [Fact]
    public async Task When_a_feed_posts_a_batch_Then_its_rows_are_counted_by_platform_and_outcome()
    {
        using var metrics = new MetricsProbe(service.Services);
        var id = Guid.CreateVersion7();
        await service.Bus.PublishAsync(new EntryPublished(id, "test-2026", "story", "site", "https://site.example/metrics", "o", DateTimeOffset.UtcNow), Guid.NewGuid());
        var organizer = service.ClientAs(Users.Organizer);
        await Eventually.GetAsync(async () => (await organizer.GetAsync($"/engagement/entries/{id}/figures")).IsSuccessStatusCode ? "" : null,
            "the publication reaching engagement");
        var before = metrics.Sum("campaign.engagement.snapshots", ("platform", "site"), ("via", "feed"), ("outcome", "recorded"));

        var taken = DateTimeOffset.UtcNow.AddHours(-1);
        (await service.ClientAs(Users.Feed("site")).PostAsJsonAsync("/engagement/snapshots", new
        {
            snapshots = new object[]
            {
                new { entryId = id, takenAt = taken, figures = new { views = 10 } },
                new { entryId = id, takenAt = taken.AddMinutes(10), figures = new { views = 20 } },
                new { entryId = Guid.NewGuid(), takenAt = taken, figures = new { views = 5 } },
            },
        })).EnsureSuccessStatusCode();

        Assert.Equal(before + 2, metrics.Sum("campaign.engagement.snapshots", ("platform", "site"), ("via", "feed"), ("outcome", "recorded")));
        Assert.Equal(1, metrics.Sum("campaign.engagement.snapshots", ("platform", "site"), ("via", "feed"), ("outcome", "refused")));
    }
}
