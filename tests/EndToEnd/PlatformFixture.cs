using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Campaign.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Campaign.EndToEnd;

/// <summary>
/// One AppHost for every end-to-end test: the five services on the test servers, with fresh
/// databases and a virtual host of their own, the test campaigns and the demo campaign (as <c>run.sh --demo</c> adds it) beside the default one.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["submission", "mediacheck", "judging", "engagement", "awards"];

    private readonly string _databasePrefix = $"e2e_{Guid.NewGuid():N}"[..16] + "_";
    private string _postgres = null!;

    public DistributedApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        _postgres = servers.Postgres;
        var vhost = await servers.NewVirtualHostAsync();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"Infrastructure:Postgres={servers.Postgres}",
            $"Infrastructure:RabbitMq={vhost}",
            $"Infrastructure:DatabasePrefix={_databasePrefix}",
            $"Campaigns:Directory={Path.Combine(AppContext.BaseDirectory, "campaigns")}",
            "Demo:Enabled=true",
            "Logging:LogLevel:Default=Warning",
            // The campaign's state gauges are read every 5 s instead of 30 s, so the dashboard shows them within a test.
            "Metrics:StateInterval=00:00:05",
            // The dashboard, as the run command has it (launchSettings.json): the operators' view is tested too.
            "ASPIRE_ALLOW_UNSECURED_TRANSPORT=true",
            "ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true",
        ], (options, _) => options.DisableDashboard = false);
        App = await builder.BuildAsync();
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await App.StartAsync(startup.Token);
        foreach (var service in Services)
            await App.ResourceNotifications.WaitForResourceHealthyAsync(service, startup.Token);
    }

    /// <summary>The Aspire dashboard's address: the testing AppHost puts it on a port of its own choosing.</summary>
    public Uri DashboardUrl => new(App.Services.GetRequiredService<DistributedApplicationModel>().Resources
        .Single(r => r.Name == "aspire-dashboard").Annotations.OfType<EndpointAnnotation>().First(e => e.Name == "http").AllocatedEndpoint!.UriString);

    /// <summary>A client of one service, signed in as a sample user of the development issuer.</summary>
    public async Task<HttpClient> ClientAsync(string service, string? user)
    {
        var client = App.CreateHttpClient(service, "http");
        if (user is null) return client;
        var token = await (await App.CreateHttpClient("submission", "http").PostAsJsonAsync("/identity/dev/token", new { user }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>The connection string of a service's own database, named as the AppHost's Infrastructure names it.</summary>
    public string DatabaseOf(string service) =>
        new NpgsqlConnectionStringBuilder(_postgres) { Database = _databasePrefix + service }.ConnectionString;

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
    }

    private sealed record TokenResponse(string AccessToken);
}

[CollectionDefinition(nameof(PlatformCollection))]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>;
