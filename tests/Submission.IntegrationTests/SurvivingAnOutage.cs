using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.SubmittingEntry;
using Campaign.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Campaign.Submission.IntegrationTests;

/// <summary>
/// A real fault budget: the lifecycle recorder's database is unreachable for a minute while events
/// for it keep arriving; they are retried with growing delays, none is parked, none is lost.
/// </summary>
public sealed class SurvivingAnOutage
{
    /// <summary>Submission with its database behind a proxy the test can cut, and the production-sized retry budget's shape.</summary>
    private sealed class BehindAProxy(string retryBudget = "00:03:00") : ServiceFactory<Program>("submission")
    {

        public TcpProxy Proxy { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            var servers = await TestServers.GetAsync();
            var postgres = new NpgsqlConnectionStringBuilder(servers.Postgres);
            Proxy = new TcpProxy(postgres.Host!, postgres.Port);
            await base.InitializeAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:submission",
                new NpgsqlConnectionStringBuilder(Database) { Host = "127.0.0.1", Port = Proxy.Port, Timeout = 3 }.ConnectionString);
            builder.UseSetting("Messaging:RetryBudget", retryBudget);
            builder.UseSetting("Messaging:RetryMaxInterval", "00:00:10");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Proxy.DisposeAsync();
        }
    }

    [Fact]
    public async Task Given_the_recorders_database_is_down_for_a_minute_When_events_arrive_meanwhile_Then_each_is_recorded_once_and_none_is_parked()
    {
        await using var service = new BehindAProxy();
        await service.InitializeAsync();
        var worker = Users.NewWorkerOf("city-a");
        var entry = (await (await service.ClientAs(worker).PostAsJsonAsync("/entries",
            new SubmitEntryRequest("test-2026", "story", "夜班的灯", "city-a", "individual", new Consent("v1", true), "一盏灯，照亮了整个车间的夜班。")))
            .Content.ReadFromJsonAsync<Entry>())!;

        service.Proxy.Down();
        const int published = 10;
        for (var i = 0; i < published; i++)
            await service.Bus.PublishAsync(new EntryPublished(entry.Id, "test-2026", "story", "site", $"https://example.org/{i}", "organizer", DateTimeOffset.UtcNow), Guid.NewGuid());
        await Task.Delay(TimeSpan.FromSeconds(60));
        Assert.Equal(0, await service.Servers.MessagesInQueueAsync(service.RabbitMq, "submission-lifecycle-recorder_error"));
        service.Proxy.Up();

        var client = service.ClientAs(worker);
        var history = await Eventually.GetAsync(async () =>
            await client.GetFromJsonAsync<JsonElement[]>($"/entries/{entry.Id}/history") is { } h
            && h.Count(e => e.GetProperty("type").GetString() == nameof(EntryPublished)) >= published ? h : null,
            "every event recorded after the outage", TimeSpan.FromSeconds(90));
        Assert.Equal(published, history.Count(e => e.GetProperty("type").GetString() == nameof(EntryPublished)));
        Assert.Equal(0, await service.Servers.MessagesInQueueAsync(service.RabbitMq, "submission-lifecycle-recorder_error"));
    }

    [Fact]
    public async Task Given_an_outage_longer_than_the_budget_When_the_operator_sends_the_parked_events_back_Then_each_is_recorded_once()
    {
        await using var service = new BehindAProxy(retryBudget: "00:00:02");
        await service.InitializeAsync();
        var worker = Users.NewWorkerOf("city-a");
        var entry = (await (await service.ClientAs(worker).PostAsJsonAsync("/entries",
            new SubmitEntryRequest("test-2026", "story", "长夜", "city-a", "individual", new Consent("v1", true), "一盏灯，照亮了整个车间的夜班。")))
            .Content.ReadFromJsonAsync<Entry>())!;

        service.Proxy.Down();
        const int published = 3;
        for (var i = 0; i < published; i++)
            await service.Bus.PublishAsync(new EntryPublished(entry.Id, "test-2026", "story", "site", $"https://example.org/{i}", "organizer", DateTimeOffset.UtcNow), Guid.NewGuid());
        var operatorClient = service.ClientAs(Users.Operator);
        await Eventually.GetAsync(async () =>
            (await operatorClient.GetFromJsonAsync<JsonElement[]>("/operations/parked"))!
                .Any(p => p.GetProperty("queue").GetString() == "submission-lifecycle-recorder" && p.GetProperty("messages").GetInt64() == published) ? "" : null,
            "the events parked and counted", TimeSpan.FromSeconds(60));
        service.Proxy.Up();

        Assert.Equal(HttpStatusCode.Forbidden, (await service.ClientAs(worker).PostAsync("/operations/parked/submission-lifecycle-recorder/redelivery", null)).StatusCode);
        var redelivered = await operatorClient.PostAsync("/operations/parked/submission-lifecycle-recorder/redelivery", null);
        Assert.Equal(published, (await redelivered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redelivered").GetInt32());

        var client = service.ClientAs(worker);
        var history = await Eventually.GetAsync(async () =>
            await client.GetFromJsonAsync<JsonElement[]>($"/entries/{entry.Id}/history") is { } h
            && h.Count(e => e.GetProperty("type").GetString() == nameof(EntryPublished)) >= published ? h : null,
            "every sent-back event recorded", TimeSpan.FromSeconds(60));
        Assert.Equal(published, history.Count(e => e.GetProperty("type").GetString() == nameof(EntryPublished)));
        Assert.Equal(0, (await operatorClient.GetFromJsonAsync<JsonElement[]>("/operations/parked"))!
            .Single(p => p.GetProperty("queue").GetString() == "submission-lifecycle-recorder").GetProperty("messages").GetInt64());
    }
}
