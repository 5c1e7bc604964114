using Campaign.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Campaign.Judging.Ui.Pages;

/// <summary>Without a real identity provider, the development issuer's sample users sign in here.
/// With one, judges come through their invitation and others through the provider (docs/identity.md).</summary>
[AllowAnonymous]
public sealed class SignInModel(IServiceProvider services) : PageModel
{
    private static readonly string[] UiRoles = [Roles.Judge, Roles.Reviewer, Roles.Organizer];

    public IReadOnlyList<SampleUser>? Users { get; private set; }
    public string ReturnUrl { get; private set; } = "/ui";

    public void OnGet(string? returnUrl)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : "/ui";
        Users = services.GetService<DevelopmentIssuer>()?.Users().Where(u => u.Roles.Any(UiRoles.Contains)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(string user, string? returnUrl)
    {
        if (services.GetService<DevelopmentIssuer>()?.Users().FirstOrDefault(u => u.Id == user && u.Roles.Any(UiRoles.Contains)) is not { } sample)
            return NotFound();
        await HttpContext.SignInAsync(sample.Id, sample.Name, sample.Roles, sample.Organization);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/ui");
    }
}
