using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace Campaign.MediaCheck.IntegrationTests;

/// <summary>The service with its parked messages counted every second, as an operator's dashboard would see them sooner.</summary>
public sealed class MetricsFixture() : ServiceFactory<Program>("mediacheck")
{
    protected override void Observe(BusProbe.Observer o) => o.Observe<MediaChecked>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Messaging:ParkedCountInterval", "00:00:01");
    }
}

public sealed class ReadingTheMetrics(MetricsFixture service) : IClassFixture<MetricsFixture>
{
    private static EntrySubmitted Story(string category = "story") =>
        new(Guid.CreateVersion7(), "test-2026", category, "t", "city-a", "individual", "worker-1", "一二三四五六七八九十，劳模精神。", [], DateTimeOffset.UtcNow);

    [Fact]
    public async Task When_an_entry_is_checked_Then_the_check_is_counted_and_timed_by_category_and_verdict()
    {
        using var metrics = new MetricsProbe(service.Services);
        var entry = Story();
        await service.Bus.PublishAsync(entry, Guid.NewGuid());
        await service.Bus.WaitForAsync<MediaChecked>(c => c.EntryId == entry.EntryId);

        (string, object)[] tags = [("campaign", "test-2026"), ("category", "story"), ("verdict", "Passed")];
        Assert.Equal(1, metrics.Sum("campaign.media.checks", tags));
        Assert.Equal(1, metrics.Count("campaign.media.check.duration", tags));
        Assert.True(metrics.Sum("campaign.media.check.duration", tags) > 0);
    }

    [Fact]
    public async Task When_a_message_is_parked_Then_the_parked_gauge_counts_it_for_its_queue()
    {
        using var metrics = new MetricsProbe(service.Services);
        Assert.Equal(0, metrics.Gauge("campaign.messages.parked", ("queue", "mediacheck-entry-submitted")));
        // An unknown category can never be checked: the consumer parks the message at once.
        await service.Bus.PublishAsync(Story(category: "no-such-category"), Guid.NewGuid());

        await Eventually.GetAsync(() => Task.FromResult(metrics.Gauge("campaign.messages.parked", ("queue", "mediacheck-entry-submitted")) == 1 ? "" : null),
            "the parked message counted");
    }
}
