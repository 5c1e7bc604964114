using Campaign.Contracts.Awards;
using JasperFx.Events.Projections;
using Marten;

namespace Campaign.Awards.Certificates;

/// <summary>A3's wiring: the verification read model, the rendering subscription, the fonts and the use cases.</summary>
public static class CertificatesSetup
{
    public static void AddCertificates(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Awards:CertificateFonts").Get<CertificateFonts>() ?? new CertificateFonts());
        builder.Services.AddScoped<CategoryCertificatesService>();
    }

    public static void AddCertificates(this StoreOptions options)
    {
        options.Projections.Add<CertificateRecordProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<RenderedCertificate>().Index(r => r.CategoryId);
    }

    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddCertificateRendering(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.AddSubscriptionWithServices<CertificateRenderer>(ServiceLifetime.Singleton, o =>
        {
            o.Name = "Certificates";
            o.IncludeType<CertificateIssued>();
        });
}
