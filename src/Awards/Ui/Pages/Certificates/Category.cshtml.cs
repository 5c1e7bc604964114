using Campaign.Awards.Certificates;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Identity;
using Campaign.WebUi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Awards.Ui.Pages.Certificates;

/// <summary>A3: organizers start a category's certificates, follow the bulk generation and download them, one PDF or all in a ZIP.</summary>
[Authorize(Roles = Roles.Organizer)]
public sealed class CategoryModel(CategoryCertificatesService certificates, CampaignCatalog campaigns, IConfiguration configuration) : PageModel
{
    public CampaignDefinition Campaign { get; private set; } = null!;
    public Category Category { get; private set; } = null!;
    public CertificatesProgress Progress { get; private set; } = null!;
    public string? Problem { get; private set; }

    public async Task OnGetAsync(string campaignId, string categoryId, CancellationToken ct) => await Load(campaignId, categoryId, ct);

    public async Task<IActionResult> OnPostAsync(string campaignId, string categoryId, CancellationToken ct)
    {
        try
        {
            await certificates.StartAsync(campaignId, categoryId, CertificateEndpoints.VerificationBase(HttpContext, configuration),
                User.FindFirst("sub")?.Value ?? "organizer", ct);
        }
        catch (RuleViolationException e)
        {
            Problem = L.Refusal(e);
            await Load(campaignId, categoryId, ct);
            return Page();
        }
        return RedirectToPage(new { campaignId, categoryId });
    }

    public async Task<IActionResult> OnGetPdfAsync(string campaignId, string categoryId, string code, CancellationToken ct) =>
        File(await certificates.PdfAsync(campaignId, categoryId, code, ct), "application/pdf", $"{code}.pdf");

    public async Task OnGetZipAsync(string campaignId, string categoryId, CancellationToken ct)
    {
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = $"attachment; filename=\"certificates-{campaignId}-{categoryId}.zip\"";
        await certificates.WriteZipAsync(campaignId, categoryId, Response.Body, ct);
    }

    private async Task Load(string campaignId, string categoryId, CancellationToken ct)
    {
        Campaign = campaigns.Find(campaignId) ?? throw Refusal.NotFound("没有这个活动", "Unknown campaign");
        Category = Campaign.FindCategory(categoryId) ?? throw Refusal.NotFound("没有这个类别", "Unknown category");
        Progress = await certificates.ProgressAsync(campaignId, categoryId, ct);
    }
}
