using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Campaign.ServiceDefaults.Telemetry;

/// <summary>
/// A count that is state (entries by status, uploads in progress), read from the service's own
/// documents by <see cref="StateGaugeRefresher"/> every <c>Metrics:StateInterval</c> (30 s by default)
/// and reported from the last reading, so an export never waits for the database. A series that
/// vanishes from a reading is reported as 0, not dropped, so a dashboard never shows a stale count.
/// </summary>
public sealed class StateGauge
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Value, KeyValuePair<string, object?>[] Tags)> _series = [];

    public StateGauge(Meter meter, string name, string unit, string description) =>
        meter.CreateObservableGauge(name, Observe, unit, description);

    public void Set(IEnumerable<(long Value, KeyValuePair<string, object?>[] Tags)> reading)
    {
        var next = reading.GroupBy(r => Key(r.Tags)).ToDictionary(g => g.Key, g => (g.Sum(r => r.Value), g.First().Tags));
        lock (_lock)
        {
            foreach (var key in _series.Keys.Except(next.Keys).ToList()) _series[key] = (0, _series[key].Tags);
            foreach (var (key, value) in next) _series[key] = value;
        }
    }

    private List<Measurement<long>> Observe()
    {
        lock (_lock) return _series.Values.Select(s => new Measurement<long>(s.Value, s.Tags)).ToList();
    }

    private static string Key(KeyValuePair<string, object?>[] tags) => string.Join('\u001f', tags.Select(t => $"{t.Key}={t.Value}"));
}

/// <summary>A service's state gauges: read them all from one query session.</summary>
public interface IStateGauges
{
    Task ReadAsync(IQuerySession session, CancellationToken ct);
}

/// <summary>Reads every <see cref="IStateGauges"/> of the service now and then; a failed reading keeps the last one.</summary>
public sealed class StateGaugeRefresher(IEnumerable<IStateGauges> gauges, IDocumentStore store, IConfiguration configuration,
    ILogger<StateGaugeRefresher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue("Metrics:StateInterval", TimeSpan.FromSeconds(30)));
        do
        {
            foreach (var gauge in gauges)
            {
                try
                {
                    await using var session = store.QuerySession();
                    await gauge.ReadAsync(session, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogDebug(e, "Could not read {Gauges}; keeping the last reading", gauge.GetType().Name);
                }
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class StateGaugeExtensions
{
    /// <summary>Registers <typeparamref name="T"/> (a singleton that creates its gauges from <see cref="IMeterFactory"/>) and the refresher that reads it.</summary>
    public static IServiceCollection AddStateGauges<T>(this IServiceCollection services) where T : class, IStateGauges
    {
        services.AddSingleton<T>();
        services.AddSingleton<IStateGauges>(sp => sp.GetRequiredService<T>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StateGaugeRefresher>());
        return services;
    }

    public static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);
}
