using Campaign.Campaigns;
using Campaign.Judging.Panels;
using Campaign.ServiceDefaults.Identity;
using Campaign.WebUi;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Judging.Ui.Pages;

/// <summary>J1: a judge opens the link of their invitation; accepting signs them in and seats them.
/// Opening the link changes nothing (mail scanners follow links); accepting is a POST.</summary>
[AllowAnonymous]
public sealed class InvitationModel(IDocumentSession session, CampaignCatalog campaigns, TimeProvider clock) : PageModel
{
    public Invitation Invitation { get; private set; } = null!;
    public string CampaignName { get; private set; } = "";
    public string CategoryName { get; private set; } = "";
    public string? Error { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken ct) => await LoadAsync(token, ct);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        try
        {
            await AcceptInvitation.HandleAsync(session, campaigns, Invitation, clock.GetUtcNow(), ct);
        }
        catch (RuleViolationException e)
        {
            Error = L.Refusal(e);
            return Page();
        }
        catch (Exception e) when (e is ConcurrencyException or DocumentAlreadyExistsException)
        {
            Error = L.T("另一位评委同时加入了评委会，请再点一次。", "Another judge joined the panel at the same moment; press the button again.");
            return Page();
        }
        await HttpContext.SignInAsync(Invitation.JudgeId, Invitation.Name, [Roles.Judge]);
        return LocalRedirect("/ui/judge");
    }

    private async Task LoadAsync(string token, CancellationToken ct)
    {
        Invitation = await session.UsableInvitationAsync(token, clock.GetUtcNow(), ct);
        CampaignName = campaigns.Campaign(Invitation.CampaignId).Name;
        CategoryName = campaigns.Category(Invitation.CampaignId, Invitation.CategoryId).Name;
    }
}
