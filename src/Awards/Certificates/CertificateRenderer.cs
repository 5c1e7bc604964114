using Campaign.Contracts.Awards;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace Campaign.Awards.Certificates;

/// <summary>A3: a certificate's PDF as it was rendered once, so downloads and the ZIP serve the same bytes.</summary>
public sealed record RenderedCertificate(string Id, string CampaignId, string CategoryId, Guid EntryId, byte[] Pdf, DateTimeOffset RenderedAt);

/// <summary>
/// Bulk generation (A3): the async daemon hands this subscription every <see cref="CertificateIssued"/>
/// after it commits; each PDF is rendered and saved on its own, so the category's progress counts
/// up certificate by certificate, and a restart picks up where the stored progress stands (a PDF
/// already saved is not rendered again). With replicas, one node renders (the daemon's HotCold mode).
/// </summary>
public sealed class CertificateRenderer(IServiceProvider services, CertificateFonts fonts, TimeProvider clock) : SubscriptionBase
{
    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken ct)
    {
        // Resolved here, not injected: the store is still being built when Marten creates its subscriptions.
        var store = services.GetRequiredService<IDocumentStore>();
        foreach (var c in page.Events.Select(e => e.Data).OfType<CertificateIssued>())
        {
            await using var session = store.LightweightSession();
            if (await session.LoadAsync<RenderedCertificate>(c.Code, ct) is not null) continue;
            session.Store(new RenderedCertificate(c.Code, c.CampaignId, c.CategoryId, c.EntryId, CertificatePdf.Render(c, fonts), clock.GetUtcNow()));
            await session.SaveChangesAsync(ct);
        }
        return NullChangeListener.Instance;
    }
}
