using Campaign.ServiceDefaults.Http;
using Campaign.ServiceDefaults.Identity;
using Marten;
using OpenTelemetry.Metrics;

namespace Campaign.Engagement.Connectors;

/// <summary>A connector as operators read it, its last error in the caller's language.</summary>
public sealed record ConnectorView(string Platform, string Kind, string Cadence, string State, DateTimeOffset? LastRunAt, DateTimeOffset? LastSuccessAt,
    DateOnly? LastDay, long SnapshotsRecorded, PollSummary? LastPoll, string? LastError, DateTimeOffset? RetryAt);

public static class ConnectorEndpoints
{
    /// <summary>The connectors configured under <c>Engagement:Connectors</c> (none: nothing polls), their schedule and the OpenTelemetry meter.</summary>
    public static void AddConnectors(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection(ConnectorSettings.Section).Get<Dictionary<string, ConnectorOptions>>() ?? [];
        builder.Services.AddSingleton(sp => new ConnectorSettings(configured, sp.GetRequiredService<Campaign.Campaigns.CampaignCatalog>()));
        builder.Services.AddSingleton<ConnectorTokens>();
        builder.Services.AddSingleton<ConnectorMetrics>();
        builder.Services.AddSingleton<PollLocks>();
        builder.Services.AddSingleton<ConnectorRunner>();
        builder.Services.AddHttpClient(ConnectorRunner.HttpClientName);
        builder.Services.AddHostedService<ConnectorScheduler>();
        builder.Services.ConfigureMarten(o => o.Schema.For<ConnectorStatus>());
        builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(ConnectorMetrics.MeterName));
    }

    public static void MapConnectors(this WebApplication app) =>
        app.MapGet("/engagement/connectors", async (ConnectorSettings settings, IQuerySession session, HttpContext http, CancellationToken ct) =>
            {
                var english = RefusalProblems.PrefersEnglish(http);
                var statuses = (await session.LoadManyAsync<ConnectorStatus>(ct, settings.All.Keys)).ToDictionary(s => s.Id);
                return Results.Ok(settings.All.Values.OrderBy(c => c.PlatformId, StringComparer.Ordinal).Select(c =>
                    statuses.GetValueOrDefault(c.PlatformId) is { } s
                        ? new ConnectorView(c.PlatformId, c.Options.Kind, c.Platform.Cadence, s.State, s.LastRunAt, s.LastSuccessAt, s.LastDay,
                            s.SnapshotsRecorded, s.LastPoll, english ? s.LastErrorEnglish : s.LastErrorChinese, s.RetryAt)
                        : new ConnectorView(c.PlatformId, c.Options.Kind, c.Platform.Cadence, ConnectorStates.NeverRun, null, null, null, 0, null, null, null)));
            })
            .WithTags("Connectors")
            .RequireAuthorization(p => p.RequireRole(Roles.Operator, Roles.Organizer))
            .WithSummary("Each platform connector's state: last run, last success, the day it polled for, snapshots recorded, the last error (E1).");
}
