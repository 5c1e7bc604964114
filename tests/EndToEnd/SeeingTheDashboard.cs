using Aspire.Hosting.ApplicationModel;
using Campaign.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Campaign.EndToEnd;

/// <summary>
/// The operator's view (issue 14): the AppHost's Aspire dashboard lists every service running, and
/// its metrics page shows the campaign's own meters — the dashboard pictures of the README.
/// </summary>
[Collection(nameof(PlatformCollection))]
public sealed class SeeingTheDashboard(PlatformFixture platform)
{
    [Fact]
    public async Task The_dashboard_lists_every_service_running_and_offers_the_campaign_meters()
    {
        // The testing AppHost puts its dashboard on a port of its own choosing.
        var dashboard = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Single(r => r.Name == "aspire-dashboard").Annotations.OfType<EndpointAnnotation>().First(e => e.Name == "http").AllocatedEndpoint!.UriString;
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.NewPageAsync(new Uri(dashboard));
        await page.GotoAsync("/");
        foreach (var service in PlatformFixture.Services)
            await Assertions.Expect(page.Locator("[role=row]", new() { HasText = service }).First).ToContainTextAsync("Running");
        await Chromium.ScreenshotAsync(page, "dashboard");

        // The campaign's meters reach it over OTLP: the parked-messages gauge every service reports.
        await page.GotoAsync("/metrics/resource/submission");
        await Assertions.Expect(page.GetByText("campaign.messages.parked").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Chromium.ScreenshotAsync(page, "dashboard-metrics");
    }
}
