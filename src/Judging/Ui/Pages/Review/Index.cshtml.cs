using Campaign.Campaigns;
using Campaign.Judging.Entries;
using Campaign.Judging.Reviewing;
using Campaign.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Authorization;
using Marten;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Judging.Ui.Pages.Review;

/// <summary>P1: the reviewers' queue — works whose media passed or need a person's eye.</summary>
[Authorize(Roles = $"{Roles.Reviewer},{Roles.Organizer}")]
public sealed class IndexModel(IDocumentSession session, CampaignCatalog campaigns) : PageModel
{
    public IReadOnlyList<JudgingEntry> Queue { get; private set; } = [];
    public CampaignCatalog Campaigns => campaigns;

    public async Task OnGetAsync(CancellationToken ct) => Queue = await ReviewQueue.ListAsync(session, null, null, ct);
}
