using MassTransit;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Messaging;
using Campaign.ServiceDefaults.Telemetry;
using Campaign.Media;
using Campaign.Submission.CampaignForms;
using Campaign.Submission.Entries;
using Campaign.Submission.Rosters;
using Campaign.Submission.Uploads;
using Campaign.Submission.Entries.ConfirmingEntry;
using Campaign.Submission.Entries.DisqualifyingEntry;
using Campaign.Submission.Entries.GetEntry;
using Campaign.Submission.Entries.GetEntryHistory;
using Campaign.Submission.Entries.ListingEntries;
using Campaign.Submission.Entries.ReplacingMedia;
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
        builder.AddCampaignEventStore(Service, [typeof(EntrySubmitted), typeof(EntryWithdrawn), typeof(EntryDisqualified), typeof(EntryMediaChanged), typeof(RosterApproved)], o =>
        {
            o.Projections.Snapshot<Entry>(SnapshotLifecycle.Inline);
            o.Schema.For<Entry>().Index(e => e.OrganizationId).Index(e => e.SubmittedBy);
            o.Schema.For<Upload>();
            o.Schema.For<Slot>().Index(x => x.EntryId);
            o.Schema.For<FactAboutUnknownEntry>().Index(x => x.EntryId);
        });
        builder.AddCampaignBus(Service, bus => bus.AddConsumer<LifecycleRecorder, LifecycleRecorderDefinition>());
        builder.AddMediaStore();
        builder.Services.Configure<UploadOptions>(builder.Configuration.GetSection("Uploads"));
        builder.Services.PostConfigure<UploadOptions>(o => o.Root = Path.GetFullPath(o.Root is { Length: > 0 } root ? root
            : Path.Combine(builder.Configuration["Media:Root"] ?? Path.Combine(Path.GetTempPath(), "campaign-media"), ".uploads")));
        builder.Services.AddSingleton<ExpiredUploadSweeper>();
        builder.Services.AddSingleton<RunningHashes>();
        builder.Services.AddSingleton<UploadMetrics>();
        // Kestrel reads the socket one pool block at a time: 64 KB blocks take an upload in 16 times fewer reads (issue 15).
        builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, LargeBlockMemoryPoolFactory>();
        builder.Services.AddStateGauges<EntryGauges>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExpiredUploadSweeper>());
        // Browser front ends upload cross-origin: the tus headers must be readable by their scripts.
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p
            .WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? ["*"])
            .AllowAnyHeader().AllowAnyMethod()
            .WithExposedHeaders("Location", "Upload-Offset", "Upload-Length", "Upload-Expires", "Upload-Concat", "Tus-Resumable", "Tus-Version", "Tus-Extension", "Tus-Max-Size", "Tus-Checksum-Algorithm")));
    }

    public static void MapSubmission(this WebApplication app)
    {
        app.MapTus();
        app.MapGroup("/campaigns").WithTags("Campaigns").MapGetCampaignForms();
        app.MapSubmissionPage();
        var rosters = app.MapGroup("/rosters/{campaignId}").WithTags("Rosters (S3)");
        rosters.MapSubmitRoster();
        rosters.MapApproveRoster();
        rosters.MapGetRoster();
        var entries = app.MapGroup("/entries").WithTags("Entries");
        entries.MapSubmitEntry();
        entries.MapConfirmEntry();
        entries.MapGetEntry();
        entries.MapGetEntryHistory();
        entries.MapWithdrawEntry();
        entries.MapDisqualifyEntry();
        entries.MapReplaceMedia();
        entries.MapListEntries();
    }

    /// <summary>
    /// The reference submission page (wwwroot/submit, docs/submission-page.md): static files, public
    /// like the API reference, since the page itself holds nothing; everything it shows comes from
    /// the API with the visitor's bearer token.
    /// </summary>
    private static void MapSubmissionPage(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapGet("/submit", (HttpContext http) => Results.Redirect("/submit/index.html" + http.Request.QueryString)).AllowAnonymous().ExcludeFromDescription();
    }
}
