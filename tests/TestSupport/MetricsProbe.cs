using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.TestSupport;

/// <summary>
/// Reads one service's metrics in process, as an exporter would: only instruments of meters made by that host's
/// <see cref="IMeterFactory"/>, so services of other tests running side by side are not counted. Counters and histograms
/// are summed as they are recorded; gauges are read on <see cref="Gauge"/>.
/// </summary>
public sealed class MetricsProbe : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private readonly ConcurrentDictionary<string, double> _gauges = new();

    public MetricsProbe(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name.StartsWith("Campaign.", StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = Key(instrument.Name, tags.ToArray());
        if (instrument.GetType().Name.StartsWith("Observable", StringComparison.Ordinal)) _gauges[key] = value;
        else
        {
            _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
            _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        }
    }

    /// <summary>The sum of what was recorded on <paramref name="name"/> for measurements carrying at least these tags.</summary>
    public double Sum(string name, params (string Key, object Value)[] tags) => Matching(_sums, name, tags).Sum();

    /// <summary>How many measurements were recorded (a histogram's count).</summary>
    public long Count(string name, params (string Key, object Value)[] tags) => Matching(_counts, name, tags).Sum();

    /// <summary>The gauge's current value, summed over the series carrying at least these tags; 0 when it reports none.</summary>
    public double Gauge(string name, params (string Key, object Value)[] tags)
    {
        foreach (var key in _gauges.Keys.Where(k => k.StartsWith(name + "|", StringComparison.Ordinal))) _gauges.TryRemove(key, out _);
        _listener.RecordObservableInstruments();
        return Matching(_gauges, name, tags).Sum();
    }

    private static IEnumerable<T> Matching<T>(ConcurrentDictionary<string, T> values, string name, (string Key, object Value)[] tags) =>
        values.Where(v => v.Key.StartsWith(name + "|", StringComparison.Ordinal)
                          && tags.All(t => v.Key.Contains($"|{t.Key}={t.Value}|", StringComparison.Ordinal)))
            .Select(v => v.Value);

    private static string Key(string name, KeyValuePair<string, object?>[] tags) =>
        name + "|" + string.Concat(tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}|"));

    public void Dispose() => _listener.Dispose();
}
