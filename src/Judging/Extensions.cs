using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using Campaign.Judging.Panels;
using Campaign.Judging.Publishing;
using Campaign.Judging.Reviewing;
using Campaign.Judging.Scoring;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Media;
using Campaign.ServiceDefaults.Messaging;
using Campaign.Judging.Ui;
using JasperFx.Events.Projections;

namespace Campaign.Judging;

public static class Extensions
{
    public const string Service = "judging";

    public static void AddJudging(this WebApplicationBuilder builder)
    {
        builder.AddCampaignEventStore(Service,
            [typeof(EntryReviewed), typeof(EntryPublished), typeof(EntryJudged), typeof(JudgingClosed)], o =>
            {
                o.Projections.Snapshot<JudgingEntry>(SnapshotLifecycle.Inline);
                o.Schema.For<JudgingEntry>().Index(e => e.CategoryId);
                o.Schema.For<Panel>();
                o.Schema.For<Invitation>();
            });
        builder.Services.AddScoped<JudgingDesk>();
        builder.AddCampaignBus(Service, bus => bus.AddConsumer<EntryFactsRecorder>());
        builder.AddMediaStore();
        builder.AddJudgingUi();
    }

    public static void MapJudging(this WebApplication app)
    {
        app.MapReviewing();
        app.MapPublishing();
        app.MapPanels();
        app.MapScoring();
        app.MapJudgingUi();
    }
}
