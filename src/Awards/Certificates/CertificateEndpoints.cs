using Campaign.ServiceDefaults.Identity;

namespace Campaign.Awards.Certificates;

public static class CertificateEndpoints
{
    public static void MapCertificates(this WebApplication app)
    {
        var category = app.MapGroup("/results/{campaignId}/{categoryId}").WithTags("Certificates")
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer, Roles.Operator));

        category.MapPost("/certificates", async (string campaignId, string categoryId, HttpContext http, CategoryCertificatesService certificates,
                IConfiguration configuration, CancellationToken ct) =>
            {
                var progress = await certificates.StartAsync(campaignId, categoryId, VerificationBase(http, configuration), http.User.FindFirst("sub")?.Value ?? "organizer", ct);
                return Results.Accepted($"/results/{campaignId}/{categoryId}/certificates", progress);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer))
            .WithSummary("A3: issue the certificates of the allocation in force (the missing ones) and render them in the background; re-allocations re-issue them from then on.");

        category.MapGet("/certificates", (string campaignId, string categoryId, CategoryCertificatesService certificates, CancellationToken ct) =>
                certificates.ProgressAsync(campaignId, categoryId, ct))
            .WithSummary("A3: the progress of the category's certificates, each with its status (valid, superseded, no-longer-awarded).");

        category.MapGet("/certificates/{code}.pdf", async (string campaignId, string categoryId, string code, CategoryCertificatesService certificates, CancellationToken ct) =>
                Results.File(await certificates.PdfAsync(campaignId, categoryId, code, ct), "application/pdf", $"{code}.pdf"))
            .WithSummary("A3: one certificate as PDF.");

        category.MapGet("/certificates.zip", (string campaignId, string categoryId, HttpContext http, CategoryCertificatesService certificates, CancellationToken ct) =>
                Zip(http, certificates, campaignId, categoryId, ct))
            .WithSummary("A3: the category's valid certificates, one PDF each, in a ZIP.");

        app.MapGet("/certificates/{code}", async (string code, CategoryCertificatesService certificates, CancellationToken ct) =>
                await certificates.VerifyAsync(code, ct) ?? throw Campaign.Campaigns.Refusal.NotFound("没有这个验证码的证书", "No certificate has this code"))
            .AllowAnonymous().WithTags("Certificates")
            .WithSummary("A3, public: what the certificate of this verification code says, and whether it still holds.");
    }

    /// <summary>Where the QR codes point: <c>Awards:PublicBaseUrl</c>, or else the address this request came to.</summary>
    public static string VerificationBase(HttpContext http, IConfiguration configuration) =>
        configuration["Awards:PublicBaseUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/')
            : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";

    private static async Task Zip(HttpContext http, CategoryCertificatesService certificates, string campaignId, string categoryId, CancellationToken ct)
    {
        // Refusals before the first byte, so they still become problem details.
        var progress = await certificates.ProgressAsync(campaignId, categoryId, ct);
        if (!progress.Requested) throw new Campaign.Campaigns.RuleViolationException("A3", "本类别尚未颁发证书", "No certificate of this category has been issued yet", 409);
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"certificates-{campaignId}-{categoryId}.zip\"";
        await certificates.WriteZipAsync(campaignId, categoryId, http.Response.Body, ct);
    }
}
