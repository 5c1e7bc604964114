using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Campaign.ServiceDefaults.Health;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Weasel.Core;

namespace Campaign.ServiceDefaults.EventStore;

public static class EventStoreExtensions
{
    /// <summary>
    /// Marten on the service's own database (<c>ConnectionStrings:{service}</c>): string enums,
    /// quick append (so the async daemon never skips a slow transaction's events), event headers
    /// for trace propagation, and the outbox: a subscription that forwards the service's published
    /// integration events to the bus after commit.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddCampaignEventStore(
        this IHostApplicationBuilder builder, string service, Type[] publishedEvents, Action<StoreOptions>? configure = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(service)
            ?? throw new InvalidOperationException($"ConnectionStrings:{service} is not configured");

        builder.Services.AddHostedService(_ => new DatabaseCreator(connectionString));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("database", _ => new DatabaseHealthCheck(connectionString),
            HealthStatus.Unhealthy, ["ready"], TimeSpan.FromSeconds(5)));
        builder.Services.AddSingleton<ProcessedMessagePruner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProcessedMessagePruner>());
        return builder.Services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = service;
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.AppendMode = EventAppendMode.Quick;
                options.Events.MetadataConfig.HeadersEnabled = true;
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Schema.For<ProcessedMessage>().Index(m => m.ProcessedAt);
                options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                configure?.Invoke(options);
            })
            .BuildSessionsWith<TracedSessionFactory>()
            .ApplyAllDatabaseChangesOnStartup()
            .AddAsyncDaemon(builder.Configuration.GetValue("EventStore:DaemonMode", DaemonMode.HotCold))
            .AddSubscriptionWithServices<IntegrationEventForwarder>(ServiceLifetime.Singleton, o =>
            {
                o.Name = "IntegrationEvents";
                foreach (var type in publishedEvents) o.IncludeType(type);
            });
    }
}
