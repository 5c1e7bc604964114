using Campaign.Campaigns;
using Campaign.Judging.Entries;
using Campaign.Judging.Publishing;
using Campaign.Judging.Reviewing;
using Campaign.ServiceDefaults.Identity;
using Campaign.WebUi;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Judging.Ui.Pages.Review;

/// <summary>P1: one work under review — its media findings, the human-review checklist of its
/// category, approve or reject with a reason; and, once approved, where it was published.</summary>
[Authorize(Roles = $"{Roles.Reviewer},{Roles.Organizer}")]
public sealed class EntryModel(IDocumentSession session, CampaignCatalog campaigns, TimeProvider clock) : PageModel
{
    public JudgingEntry Entry { get; private set; } = null!;
    public CampaignDefinition Campaign { get; private set; } = null!;
    public Category Category { get; private set; } = null!;
    public IReadOnlyList<string> Checklist { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty] public List<string> Checked { get; set; } = [];
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? PlatformId { get; set; }
    [BindProperty] public string? Address { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct);

    // P1: the decision refuses an approval without every human-review item ticked, for the page as for the API.
    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => Act(id, () =>
        ReviewEntry.HandleAsync(session, campaigns, id, new ReviewRequest(true, null, Checked), User.UserId(), clock.GetUtcNow(), ct), ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken ct) => Act(id, () =>
        ReviewEntry.HandleAsync(session, campaigns, id, new ReviewRequest(false, Reason), User.UserId(), clock.GetUtcNow(), ct), ct);

    public Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct) => Act(id, () =>
        PublishEntry.HandleAsync(session, campaigns, id, new PublicationRequest(PlatformId ?? "", Address ?? "", null), User.UserId(), clock.GetUtcNow(), ct), ct);

    private async Task<IActionResult> Act(Guid id, Func<Task> action, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        try
        {
            await action();
        }
        catch (RuleViolationException e)
        {
            Error = L.Refusal(e);
            Response.StatusCode = e.Status;
            return Page();
        }
        return LocalRedirect($"/ui/review/{id}");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Entry = await session.SubmittedEntryAsync(id, ct);
        Campaign = campaigns.CampaignOf(Entry);
        Category = campaigns.CategoryOf(Entry);
        Checklist = Category.HumanReviewItems;
    }
}
