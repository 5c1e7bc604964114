using MassTransit;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Messaging;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.DisqualifyingEntry;
using Campaign.Submission.Entries.GetEntry;
using Campaign.Submission.Entries.GetEntryHistory;
using Campaign.Submission.Entries.RecordingLifecycle;
using Campaign.Submission.Entries.SubmittingEntry;
using Campaign.Submission.Entries.WithdrawingEntry;
using JasperFx.Events.Projections;

namespace Campaign.Submission;

public static class Extensions
{
    public const string Service = "submission";

    public static void AddSubmission(this WebApplicationBuilder builder)
    {
        builder.AddCampaignEventStore(Service, [typeof(EntrySubmitted), typeof(EntryWithdrawn), typeof(EntryDisqualified)], o =>
        {
            o.Projections.Snapshot<Entry>(SnapshotLifecycle.Inline);
            o.Schema.For<Entry>().Index(e => e.OrganizationId).Index(e => e.SubmittedBy);
        });
        builder.AddCampaignBus(Service, bus => bus.AddConsumer<LifecycleRecorder, LifecycleRecorderDefinition>());
    }

    public static void MapSubmission(this WebApplication app)
    {
        var entries = app.MapGroup("/entries").WithTags("Entries");
        entries.MapSubmitEntry();
        entries.MapGetEntry();
        entries.MapGetEntryHistory();
        entries.MapWithdrawEntry();
        entries.MapDisqualifyEntry();
    }
}
