using Campaign.Awards.Organizations;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Identity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Awards.Ui.Pages.Results;

/// <summary>A5: the organizations ranked, every component shown.</summary>
[Authorize(Roles = Roles.Organizer)]
public sealed class OrganizationsModel(IQuerySession session, CampaignCatalog campaigns) : PageModel
{
    public CampaignDefinition Campaign { get; private set; } = null!;
    public OrganizationRanking Ranking { get; private set; } = null!;

    public async Task OnGetAsync(string campaignId, CancellationToken ct)
    {
        Campaign = campaigns.Find(campaignId) ?? throw Refusal.NotFound("没有这个活动", "Unknown campaign");
        Ranking = await OrganizationRankingEndpoint.RankAsync(campaigns, session, campaignId, ct);
    }
}
