using Campaign.Campaigns;
using Campaign.Judging.Panels;
using Campaign.ServiceDefaults.Identity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Judging.Ui.Pages.Panels;

/// <summary>J1: every category of every campaign, its panel and how far judging is.</summary>
[Authorize(Roles = Roles.Organizer)]
public sealed class IndexModel(IDocumentSession session, CampaignCatalog campaigns) : PageModel
{
    public sealed record Row(CampaignDefinition Campaign, Category Category, Panel? Panel, PanelReport? Report);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = new List<Row>();
        foreach (var campaign in campaigns.All)
            foreach (var category in campaign.Categories)
                rows.Add(new Row(campaign, category, await session.PanelAsync(campaign.Id, category.Id, ct), await session.ReportAsync(campaigns, campaign.Id, category.Id, ct)));
        Rows = rows;
    }
}
