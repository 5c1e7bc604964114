using System.Diagnostics.Metrics;
using Campaign.ServiceDefaults;
using Campaign.ServiceDefaults.Health;
using Campaign.ServiceDefaults.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Campaign.ServiceDefaults.IntegrationTests;

/// <summary>What the services' OpenTelemetry pipeline exports (to the Aspire dashboard over OTLP), read here from an in-memory exporter.</summary>
public sealed class ExportingMetrics
{
    private static (IHost Host, List<Metric> Exported) Start()
    {
        var builder = Host.CreateApplicationBuilder();
        var exported = new List<Metric>();
        builder.ConfigureOpenTelemetry();
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddInMemoryExporter(exported));
        return (builder.Build(), exported);
    }

    private static Dictionary<string, long> Points(List<Metric> exported, string name)
    {
        var points = new Dictionary<string, long>();
        foreach (var metric in exported.Where(m => m.Name == name))
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new List<string>();
                foreach (var tag in point.Tags) tags.Add($"{tag.Key}={tag.Value}");
                points[string.Join(',', tags)] = metric.MetricType == MetricType.LongGauge ? point.GetGaugeLastValueLong() : point.GetSumLong();
            }
        return points;
    }

    [Fact]
    public void Given_a_service_meter_named_Campaign_When_metrics_are_exported_Then_its_instruments_are_exported()
    {
        var (host, exported) = Start();
        using (host)
        {
            var provider = host.Services.GetRequiredService<MeterProvider>();
            var meter = host.Services.GetRequiredService<IMeterFactory>().Create("Campaign.Submission");
            meter.CreateCounter<long>("campaign.uploads.received", "By").Add(42, new KeyValuePair<string, object?>("category", "clip"));
            provider.ForceFlush();

            Assert.Equal(42, Points(exported, "campaign.uploads.received")["category=clip"]);
        }
    }

    [Fact]
    public void Given_a_state_gauge_When_a_series_vanishes_from_a_reading_Then_it_is_exported_as_zero_not_left_at_its_last_value()
    {
        var (host, exported) = Start();
        using (host)
        {
            var gauge = new StateGauge(host.Services.GetRequiredService<IMeterFactory>().Create("Campaign.Submission"), "campaign.entries", "{entry}", "");
            var provider = host.Services.GetRequiredService<MeterProvider>();
            gauge.Set([(3, [StateGaugeExtensions.Tag("status", "Submitted")]), (1, [StateGaugeExtensions.Tag("status", "Submitted")])]);
            provider.ForceFlush();
            Assert.Equal(4, Points(exported, "campaign.entries")["status=Submitted"]);

            exported.Clear();
            gauge.Set([(4, [StateGaugeExtensions.Tag("status", "MediaChecked")])]);
            provider.ForceFlush();
            var points = Points(exported, "campaign.entries");
            Assert.Equal((0, 4), (points["status=Submitted"], points["status=MediaChecked"]));
        }
    }

    [Fact]
    public async Task Given_a_database_nobody_answers_for_When_its_health_is_checked_Then_it_is_unhealthy()
    {
        var check = new DatabaseHealthCheck("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");
        var result = await check.CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("database", check, HealthStatus.Unhealthy, null),
        });
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }
}
