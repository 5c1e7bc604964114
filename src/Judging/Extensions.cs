using MassTransit;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using Campaign.Judging.Panels;
using Campaign.Judging.Publishing;
using Campaign.Judging.Reviewing;
using Campaign.Judging.Scoring;
using Campaign.Judging.Ui;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Identity;
using Campaign.Media;
using Campaign.ServiceDefaults.Messaging;
using Campaign.ServiceDefaults.Telemetry;
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
                // Two judges accepting invitations at once must not overwrite each other's seat.
                o.Schema.For<Panel>().UseOptimisticConcurrency(true);
                o.Schema.For<Invitation>();
                o.Schema.For<Publishing.PublishedAddress>();
            });
        builder.AddCampaignBus(Service, bus => bus.AddConsumer<EntryFactsRecorder, EntryFactsRecorderDefinition>());
        builder.AddMediaStore();
        builder.Services.AddStateGauges<JudgingGauges>();
        builder.AddJudgingUi();
    }

    public static void MapJudging(this WebApplication app)
    {
        var review = app.MapGroup("/review").WithTags("Review").RequireAuthorization(p => p.RequireRole(Roles.Reviewer, Roles.Organizer));
        review.MapReviewQueue();
        review.MapReviewEntry();

        app.MapPublishEntry();

        var panels = app.MapGroup("/panels/{campaignId}/{categoryId}").WithTags("Panels").RequireAuthorization(p => p.RequireRole(Roles.Organizer));
        panels.MapPanelQueries();
        panels.MapSetPanel();
        panels.MapRemoveJudge();
        panels.MapInviteJudge();
        panels.MapCloseJudging();

        var judging = app.MapGroup("/judging").WithTags("Scoring").RequireAuthorization(p => p.RequireRole(Roles.Judge));
        judging.MapAssignedWork();
        judging.MapScoreEntry();
        judging.MapSubmitScore();
        judging.MapDeclareConflict();

        app.MapJudgingUi();
    }
}
