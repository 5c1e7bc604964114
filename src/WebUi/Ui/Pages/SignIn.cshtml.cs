using Campaign.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.WebUi.Pages;

/// <summary>Without a real identity provider, the development issuer's sample users sign in here.
/// With one, people sign in through the provider, and judges also through their invitation (docs/identity.md).</summary>
[AllowAnonymous]
public sealed class SignInModel(IServiceProvider services, WebUiOptions ui) : PageModel
{
    public UiText ProviderSignIn => ui.ProviderSignIn;
    public IReadOnlyList<SampleUser>? Users { get; private set; }
    public string ReturnUrl { get; private set; } = "/ui";

    public void OnGet(string? returnUrl)
    {
        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : "/ui";
        Users = services.GetService<DevelopmentIssuer>()?.Users().Where(u => u.Roles.Any(ui.SignInRoles.Contains)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(string user, string? returnUrl)
    {
        if (services.GetService<DevelopmentIssuer>()?.Users().FirstOrDefault(u => u.Id == user && u.Roles.Any(ui.SignInRoles.Contains)) is not { } sample)
            return NotFound();
        await HttpContext.SignInAsync(sample.Id, sample.Name, sample.Roles, sample.Organization);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/ui");
    }
}
