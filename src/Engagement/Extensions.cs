using Campaign.Contracts.Engagement;
using Campaign.Engagement.Closing;
using Campaign.Engagement.Connectors;
using Campaign.Engagement.Entries;
using Campaign.Engagement.Figures;
using Campaign.Engagement.Snapshots;
using Campaign.Engagement.Ui;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Messaging;
using JasperFx.Events.Projections;

namespace Campaign.Engagement;

public static class Extensions
{
    public const string Service = "engagement";

    public static void AddEngagement(this WebApplicationBuilder builder)
    {
        builder.AddCampaignEventStore(Service, [typeof(EngagementScored), typeof(EngagementClosed)], o =>
        {
            o.Projections.Snapshot<EngagementEntry>(SnapshotLifecycle.Inline);
            o.Schema.For<EngagementEntry>().Index(e => e.CategoryId);
            o.Storage.ExtendedSchemaObjects.Add(SnapshotTable.Define());
        });
        builder.AddEngagementUi();
        builder.Services.AddSingleton<SnapshotIngest>();
        builder.Services.AddSingleton<SnapshotImports>();
        builder.AddCampaignBus(Service, bus => bus.AddConsumer<PublicationRecorder>());
        builder.AddConnectors();
    }

    public static void MapEngagement(this WebApplication app)
    {
        app.MapEngagementUi();
        app.MapFigures();
        app.MapRecordSnapshots();
        app.MapExcludeFigures();
        app.MapEntryFigures();
        app.MapImportSnapshots();
        app.MapClosing();
        app.MapConnectors();
    }
}
