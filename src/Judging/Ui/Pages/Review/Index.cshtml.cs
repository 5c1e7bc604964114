using Campaign.Judging.Entries;
using Campaign.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Judging.Ui.Pages.Review;

/// <summary>P1: the reviewers' queue — works whose media passed or need a person's eye.</summary>
[Authorize(Roles = $"{Roles.Reviewer},{Roles.Organizer}")]
public sealed class IndexModel(JudgingDesk desk) : PageModel
{
    public IReadOnlyList<JudgingEntry> Queue { get; private set; } = [];
    public JudgingDesk Desk => desk;

    public async Task OnGetAsync(CancellationToken ct) => Queue = await desk.ReviewQueueAsync(null, null, ct);
}
