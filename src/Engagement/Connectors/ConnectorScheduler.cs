using System.Diagnostics.Metrics;
using Campaign.Engagement.Snapshots;
using Npgsql;

namespace Campaign.Engagement.Connectors;

/// <summary>
/// Polls each configured connector when <see cref="ConnectorSchedule.IsDue"/> says so, each platform on
/// its own loop so that one waiting out a rate limit does not hold back the others. Off with
/// <c>Engagement:ConnectorSchedule:Enabled=false</c> (tests trigger polls themselves).
/// </summary>
public sealed class ConnectorScheduler(ConnectorSettings settings, ConnectorRunner runner, TimeProvider clock, IConfiguration configuration,
    ILogger<ConnectorScheduler> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Engagement:ConnectorSchedule:Enabled", true)) return Task.CompletedTask;
        var tick = configuration.GetValue("Engagement:ConnectorSchedule:Tick", TimeSpan.FromMinutes(1));
        return Task.WhenAll(settings.All.Values.Select(c => LoopAsync(c, tick, stoppingToken)));
    }

    private async Task LoopAsync(ConfiguredConnector connector, TimeSpan tick, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(tick, clock);
        do
        {
            try
            {
                if (ConnectorSchedule.IsDue(await runner.StatusAsync(connector, stop), connector, clock.GetUtcNow()))
                    await runner.PollAsync(connector.PlatformId, stop);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Connector {Platform}: the poll failed; trying again at the next tick", connector.PlatformId);
            }
        } while (await timer.WaitForNextTickAsync(stop));
    }
}

/// <summary>One poll of a platform at a time across every instance of the service: a PostgreSQL advisory lock, released when the poll ends or its connection drops.</summary>
public sealed class PollLocks(IConfiguration configuration)
{
    private readonly string _connectionString = configuration.GetConnectionString(Extensions.Service)
        ?? throw new InvalidOperationException($"ConnectionStrings:{Extensions.Service} is not configured");

    /// <summary>The lock, or null when another instance holds it.</summary>
    public async Task<IAsyncDisposable?> TryTakeAsync(string platformId, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        var key = $"engagement-connector {platformId}";
        await using (var take = new NpgsqlCommand("select pg_try_advisory_lock(hashtextextended($1, 0))", connection) { Parameters = { new() { Value = key } } })
            if (await take.ExecuteScalarAsync(ct) is true) return new Held(connection, key);
        await connection.DisposeAsync();
        return null;
    }

    private sealed class Held(NpgsqlConnection connection, string key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using (var release = new NpgsqlCommand("select pg_advisory_unlock(hashtextextended($1, 0))", connection) { Parameters = { new() { Value = key } } })
                await release.ExecuteScalarAsync();
            await connection.DisposeAsync();
        }
    }
}

/// <summary>The <c>campaign.engagement.connector.snapshots</c> counter: snapshots connectors took in, by platform, kind and outcome.</summary>
public sealed class ConnectorMetrics(IMeterFactory meters)
{
    public const string MeterName = "Campaign.Engagement.Connectors";

    private readonly Counter<long> _snapshots = meters.Create(MeterName).CreateCounter<long>("campaign.engagement.connector.snapshots", "{snapshot}",
        "Snapshots pulled by connectors, by platform, kind and outcome (recorded, flagged, unchanged, refused).");

    public void Recorded(ConfiguredConnector connector, IEnumerable<RowOutcome> outcomes)
    {
        foreach (var outcome in outcomes.GroupBy(o => o.Outcome))
            _snapshots.Add(outcome.Count(), new("platform", connector.PlatformId), new("kind", connector.Options.Kind), new("outcome", outcome.Key));
    }
}
