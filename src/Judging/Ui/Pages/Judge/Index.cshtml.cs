using Campaign.Campaigns;
using Campaign.Judging.Entries;
using Campaign.Judging.Panels;
using Campaign.Judging.Scoring;
using Campaign.ServiceDefaults.Identity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Judging.Ui.Pages.Judge;

/// <summary>J2: the judge's works, panel by panel, with how far they are.</summary>
[Authorize(Roles = Roles.Judge)]
public sealed class IndexModel(IDocumentSession session, CampaignCatalog campaigns) : PageModel
{
    public sealed record PanelWork(Panel Panel, string CampaignName, string CategoryName, IReadOnlyList<JudgingEntry> Entries);

    public IReadOnlyList<PanelWork> Panels { get; private set; } = [];
    public string JudgeId => User.UserId();

    public async Task OnGetAsync(CancellationToken ct) =>
        Panels = (await session.PanelsOfJudgeAsync(JudgeId, ct)).Select(a => new PanelWork(a.Panel,
            campaigns.Campaign(a.Panel.CampaignId).Name, campaigns.Category(a.Panel.CampaignId, a.Panel.CategoryId).Name, a.Entries)).ToList();
}
