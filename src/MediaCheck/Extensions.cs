using MassTransit;
using Campaign.Contracts.MediaCheck;
using Campaign.MediaCheck.Checks;
using Campaign.MediaCheck.Media;
using Campaign.ServiceDefaults.EventStore;
using Campaign.Media;
using Campaign.ServiceDefaults.Messaging;

namespace Campaign.MediaCheck;

public static class Extensions
{
    public const string Service = "mediacheck";

    public static void AddMediaCheck(this WebApplicationBuilder builder)
    {
        builder.AddCampaignEventStore(Service, [typeof(MediaChecked), typeof(MediaCheckDue)]);
        builder.AddMediaStore();
        builder.Services.Configure<MediaCheckOptions>(builder.Configuration.GetSection("MediaCheck"));
        builder.Services.AddSingleton<MediaCheckMetrics>();
        builder.Services.AddSingleton<MediaChecker>();
        builder.Services.AddHealthChecks().AddCheck<ToolsHealthCheck>("ffprobe", tags: ["ready"]);
        builder.AddCampaignBus(Service, bus =>
        {
            bus.AddConsumer<EntrySubmittedConsumer, EntrySubmittedConsumerDefinition>();
            bus.AddConsumer<MediaCheckDueConsumer, MediaCheckDueConsumerDefinition>();
        });
    }

    public static void MapMediaCheck(this WebApplication app) =>
        app.MapGroup("/checks").WithTags("Checks").MapGetCheck();
}
