using Campaign.Campaigns;
using Campaign.Judging.Panels;
using Campaign.ServiceDefaults.Identity;
using Campaign.WebUi;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Judging.Ui.Pages.Panels;

/// <summary>J1, J2: one category's panel — invitations, judges' progress and outliers, entries'
/// disagreement and staffing, and closing judging.</summary>
[Authorize(Roles = Roles.Organizer)]
public sealed class CategoryModel(IDocumentSession session, CampaignCatalog campaigns, TimeProvider clock) : PageModel
{
    public CampaignDefinition Campaign { get; private set; } = null!;
    public Category Category { get; private set; } = null!;
    public Panel? Panel { get; private set; }
    public PanelReport? Report { get; private set; }
    public IReadOnlyList<Invitation> Invitations { get; private set; } = [];
    public string? Error { get; private set; }
    /// <summary>A new invitation's link: shown this once, never stored.</summary>
    public string? NewLink { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? OrganizationId { get; set; }

    public Task OnGetAsync(string campaignId, string categoryId, CancellationToken ct) => LoadAsync(campaignId, categoryId, ct);

    public async Task<IActionResult> OnPostInviteAsync(string campaignId, string categoryId, CancellationToken ct)
    {
        try
        {
            var issued = await InviteJudge.HandleAsync(session, campaigns, campaignId, categoryId, new InviteRequest(Name ?? "", NullIfBlank(OrganizationId)),
                User.UserId(), clock.GetUtcNow(), ct);
            NewLink = issued.LinkFrom(Request);
        }
        catch (RuleViolationException e)
        {
            Fail(e);
        }
        await LoadAsync(campaignId, categoryId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string campaignId, string categoryId, string judgeId, CancellationToken ct)
    {
        try
        {
            await RemoveJudge.HandleAsync(session, campaigns, campaignId, categoryId, judgeId, clock.GetUtcNow(), ct);
        }
        catch (RuleViolationException e)
        {
            Fail(e);
            await LoadAsync(campaignId, categoryId, ct);
            return Page();
        }
        return LocalRedirect($"/ui/panels/{campaignId}/{categoryId}");
    }

    public async Task<IActionResult> OnPostCloseAsync(string campaignId, string categoryId, CancellationToken ct)
    {
        try
        {
            await CloseJudging.HandleAsync(session, campaigns, campaignId, categoryId, User.UserId(), clock.GetUtcNow(), ct);
        }
        catch (RuleViolationException e)
        {
            Fail(e);
            await LoadAsync(campaignId, categoryId, ct);
            return Page();
        }
        return LocalRedirect($"/ui/panels/{campaignId}/{categoryId}");
    }

    private void Fail(RuleViolationException e)
    {
        Error = L.Refusal(e);
        Response.StatusCode = e.Status;
    }

    private async Task LoadAsync(string campaignId, string categoryId, CancellationToken ct)
    {
        Campaign = campaigns.Campaign(campaignId);
        Category = campaigns.Category(campaignId, categoryId);
        Panel = await session.PanelAsync(campaignId, categoryId, ct);
        Report = await session.ReportAsync(campaigns, campaignId, categoryId, ct);
        Invitations = await session.InvitationsAsync(campaignId, categoryId, ct);
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
