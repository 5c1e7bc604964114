using System.Net.Http.Json;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace Campaign.Judging.IntegrationTests;

/// <summary>The service with its state gauges read every second, as a dashboard would see them sooner.</summary>
public sealed class MetricsFixture() : ServiceFactory<Program>("judging")
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:StateInterval", "00:00:01");
    }
}

public sealed class ReadingTheMetrics(MetricsFixture service) : IClassFixture<MetricsFixture>
{
    private static readonly (string, object)[] Clip = [("campaign", "test-2026"), ("category", "clip")];

    private async Task Until(MetricsProbe metrics, string name, (string, object) tag, double expected) =>
        await Eventually.GetAsync(() => Task.FromResult(metrics.Gauge(name, [.. Clip, tag]) == expected ? "" : null), $"{name} {tag} at {expected}");

    [Fact]
    public async Task When_an_entry_is_reviewed_and_scored_Then_the_review_stages_and_the_panels_sheets_follow()
    {
        using var metrics = new MetricsProbe(service.Services);
        var id = Guid.CreateVersion7();
        await service.Bus.PublishAsync(new EntrySubmitted(id, "test-2026", "clip", "标题", "city-c", "individual", "worker-1", null, [], DateTimeOffset.UtcNow), Guid.NewGuid());
        await Until(metrics, "campaign.judging.entries", ("stage", "awaiting_check"), 1);
        await service.Bus.PublishAsync(new MediaChecked(id, "test-2026", "clip", Verdict.Passed, [], DateTimeOffset.UtcNow), Guid.NewGuid());
        await Until(metrics, "campaign.judging.entries", ("stage", "awaiting_review"), 1);

        (await service.ClientAs(Users.Reviewer).PostAsJsonAsync($"/review/{id}", new { approved = true, @checked = new[] { "V6" } })).EnsureSuccessStatusCode();
        await Until(metrics, "campaign.judging.entries", ("stage", "approved"), 1);
        Assert.Equal(0, metrics.Gauge("campaign.judging.entries", [.. Clip, ("stage", "awaiting_review")]));

        (await service.ClientAs(Users.Organizer).PutAsJsonAsync("/panels/test-2026/clip", new { judges = new[] { new { id = "judge-1" }, new { id = "judge-2" }, new { id = "judge-3" } } }))
            .EnsureSuccessStatusCode();
        await Until(metrics, "campaign.judging.sheets", ("state", "assigned"), 3);
        (await service.ClientAs(Users.Judge(1)).PutAsJsonAsync($"/judging/entries/{id}/score", new { score = 80 })).EnsureSuccessStatusCode();
        (await service.ClientAs(Users.Judge(1)).PostAsync($"/judging/entries/{id}/submit", null)).EnsureSuccessStatusCode();
        await Until(metrics, "campaign.judging.sheets", ("state", "submitted"), 1);
    }
}
