using Campaign.Awards.Allocation;
using Campaign.Awards.Reporting;
using Campaign.Campaigns;
using Campaign.WebUi;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Awards.Ui.Pages.Public;

/// <summary>The public announcement (公示) of a category: no sign-in, only what may be published.</summary>
[AllowAnonymous]
public sealed class AnnouncementModel(IQuerySession session, CampaignCatalog campaigns) : PageModel
{
    public PublicResults Results { get; private set; } = null!;

    public async Task OnGetAsync(string campaignId, string categoryId, CancellationToken ct)
    {
        var campaign = campaigns.Find(campaignId) ?? throw Refusal.NotFound("没有这个活动", "Unknown campaign");
        Results = PublicResults.Of(campaign, await CategoryRecord.LoadAsync(session, campaignId, categoryId, ct), L.English)
            ?? throw ResultsEndpoints.NotAllocated();
    }
}
