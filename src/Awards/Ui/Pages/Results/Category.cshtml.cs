using Campaign.Awards.Allocation;
using Campaign.Awards.Reporting;
using Campaign.Awards.Sealing;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Identity;
using Campaign.WebUi;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Awards.Ui.Pages.Results;

/// <summary>J3, A1, A2: a category's results as organizers read and print them — through the same queries as the API.</summary>
[Authorize(Roles = Roles.Organizer)]
public sealed class CategoryModel(IQuerySession session, CampaignCatalog campaigns) : PageModel
{
    public CampaignDefinition Campaign { get; private set; } = null!;
    public Category Category { get; private set; } = null!;
    public ResultsTable? Table { get; private set; }
    public CapExplained? Cap { get; private set; }
    public bool SealIntact { get; private set; }

    public async Task OnGetAsync(string campaignId, string categoryId, CancellationToken ct)
    {
        Campaign = campaigns.Find(campaignId) ?? throw Refusal.NotFound("没有这个活动", "Unknown campaign");
        Category = Campaign.FindCategory(categoryId) ?? throw Refusal.NotFound("没有这个类别", "Unknown category");
        var events = await CategoryRecord.EventsAsync(session, campaignId, categoryId, ct);
        var results = CategoryResults.From([.. await CategoryRecord.ListedAsync(session, campaignId, categoryId, ct), .. events]);
        Table = ResultsTable.Of(Campaign, results);
        Cap = results.Allocated is { } allocated ? CapExplained.Of(allocated, Category.Awards, L.English) : null;
        SealIntact = ResultsRecord.Check(campaignId, categoryId, events) is { Count: > 0 } seals && seals.All(s => s.Intact);
    }

    public async Task<IActionResult> OnGetCsvAsync(string campaignId, string categoryId, CancellationToken ct) =>
        File((await ResultsEndpoints.TableAsync(campaigns, session, campaignId, categoryId, ct)).ToCsv(), "text/csv; charset=utf-8",
            $"results-{campaignId}-{categoryId}.csv");

    /// <summary>The bar of a work's final score on the chart: the judges' part and engagement's part (J3), in pixels of a 0–100 scale.</summary>
    public static (double Judges, double Engagement) Bar(ResultsTable table, ResultRow row, double width) =>
        ((double)(table.JudgesWeight * row.JudgesScore) * width / 100, (double)(table.EngagementWeight * row.EngagementScore) * width / 100);
}
