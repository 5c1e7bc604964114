using Campaign.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Judging.Ui.Pages;

/// <summary>Each person starts where their work is.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        User.IsInRole(Roles.Judge) ? LocalRedirect("/ui/judge")
        : User.IsInRole(Roles.Organizer) ? LocalRedirect("/ui/panels")
        : User.IsInRole(Roles.Reviewer) ? LocalRedirect("/ui/review")
        : Page();
}
