using Campaign.Campaigns;
using Campaign.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Awards.Ui.Pages;

/// <summary>Organizers start from the campaigns' categories.</summary>
[Authorize(Roles = Roles.Organizer)]
public sealed class IndexModel(CampaignCatalog campaigns) : PageModel
{
    public IReadOnlyList<CampaignDefinition> Campaigns { get; } = [.. campaigns.All.OrderBy(c => c.Id, StringComparer.Ordinal)];
}
