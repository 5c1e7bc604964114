using MassTransit;
using Campaign.Awards.Allocation;
using Campaign.Awards.Certificates;
using Campaign.Awards.Organizations;
using Campaign.Awards.Reporting;
using Campaign.Awards.Ui;
using Campaign.Contracts.Awards;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Messaging;

namespace Campaign.Awards;

public static class Extensions
{
    public const string Service = "awards";

    public static void AddAwards(this WebApplicationBuilder builder)
    {
        builder.AddCampaignEventStore(Service, [typeof(AwardsAllocated), typeof(CertificateIssued)], o => o.AddCertificates()).AddCertificateRendering();
        builder.AddCertificates();
        builder.AddAwardsUi();
        builder.AddCampaignBus(Service, bus =>
        {
            bus.AddConsumer<CategoryResultsRecorder, CategoryResultsRecorderDefinition>();
            bus.AddConsumer<EntryListingRecorder, EntryListingRecorderDefinition>();
        });
    }

    public static void MapAwards(this WebApplication app)
    {
        app.MapAwardsUi();
        app.MapResults();
        app.MapCertificates();
        app.MapOrganizationRanking();
    }
}
