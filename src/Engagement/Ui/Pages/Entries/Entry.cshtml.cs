using System.Globalization;
using Campaign.Campaigns;
using Campaign.Engagement.Snapshots;
using Campaign.ServiceDefaults.Identity;
using Campaign.WebUi;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Engagement.Ui.Pages.Entries;

/// <summary>E1: one work's figures over time on each platform, its flags with their evidence, and
/// the organizer's exclusion of a flagged platform's figures with a reason — through the API's own
/// write path, so the page can refuse nothing the API would accept, nor accept what it refuses.</summary>
[Authorize(Roles = Roles.Organizer)]
public sealed class EntryModel(IDocumentSession session, CampaignCatalog campaigns, TimeProvider clock) : PageModel
{
    /// <summary>The figures drawn over time; the others are in the table of snapshots.</summary>
    private static readonly string[] Charted = ["views", "likes"];

    public EntryFigures Figures { get; private set; } = null!;
    public bool Closed { get; private set; }
    public CampaignDefinition Campaign { get; private set; } = null!;
    public Category Category { get; private set; } = null!;
    public IReadOnlyList<LineChart> Charts { get; private set; } = [];
    public IReadOnlyList<Publication> Publications { get; private set; } = [];
    public string? Error { get; private set; }

    public Task OnGetAsync(Guid entryId, CancellationToken ct) => LoadAsync(entryId, ct);

    public async Task<IActionResult> OnPostExcludeAsync(Guid entryId, string platformId, string signal, string? reason, CancellationToken ct)
    {
        bool found;
        try
        {
            found = await ExcludeFiguresHandler.HandleAsync(session, campaigns, entryId, new ExcludeFiguresRequest(platformId, signal, reason ?? ""),
                User.UserId(), clock.GetUtcNow(), ct);
        }
        catch (Refusal e)
        {
            Error = L.Refusal(e);
            Response.StatusCode = e.Status;
            await LoadAsync(entryId, ct);
            return Page();
        }
        return found ? LocalRedirect($"/ui/entries/{entryId}") : throw Refusal.NotFound("没有此作品", "No such work");
    }

    public string PlatformName(string id) => Texts.Platform(Campaign, id);

    /// <summary>A moment as the campaign's people read it: in the campaign's time zone.</summary>
    public string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Campaign.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private async Task LoadAsync(Guid entryId, CancellationToken ct)
    {
        (Figures, Closed) = await FiguresQuery.EntryAsync(session, campaigns, entryId, clock.GetUtcNow(), ct);
        Campaign = campaigns.Find(Figures.CampaignId)!;
        Category = Campaign.FindCategory(Figures.CategoryId) ?? throw Refusal.NotFound("没有这个类别", "Unknown category");
        Charts = [.. Charted.Select(f => LineChart.Of(f, Figures.Platforms, Figures.Cutoff, Campaign.Zone)).OfType<LineChart>()];
        Publications = [.. (await Publication.OfAsync(session, [entryId], ct))[entryId]];
    }
}
