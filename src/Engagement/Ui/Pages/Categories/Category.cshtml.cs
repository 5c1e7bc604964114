using Campaign.Campaigns;
using Campaign.Engagement.Snapshots;
using Campaign.ServiceDefaults.Identity;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Engagement.Ui.Pages.Categories;

/// <summary>E1: a category's works with the figures that count on each platform and their flags.</summary>
[Authorize(Roles = Roles.Organizer)]
public sealed class CategoryModel(IQuerySession session, CampaignCatalog campaigns, TimeProvider clock) : PageModel
{
    public CampaignDefinition Campaign { get; private set; } = null!;
    public Category Category { get; private set; } = null!;
    public CategoryFigures Figures { get; private set; } = null!;
    public ILookup<Guid, Publication> Publications { get; private set; } = null!;

    public async Task OnGetAsync(string campaignId, string categoryId, CancellationToken ct)
    {
        Campaign = campaigns.Find(campaignId) ?? throw Refusal.NotFound("没有这个活动", "Unknown campaign");
        Category = Campaign.FindCategory(categoryId) ?? throw Refusal.NotFound("没有这个类别", "Unknown category");
        Figures = await FiguresQuery.CategoryAsync(session, Campaign, categoryId, clock.GetUtcNow(), ct);
        Publications = await Publication.OfAsync(session, [.. Figures.Entries.Select(e => e.EntryId)], ct);
    }
}
