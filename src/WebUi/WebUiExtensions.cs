using System.Globalization;
using System.Security.Claims;
using Campaign.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.WebUi;

/// <summary>
/// A service's web UI: server-rendered Razor Pages under <c>/ui</c>, signed in with the service's
/// own cookie; the API beside it keeps bearer tokens. Every service's UI signs people in the same
/// way (this sign-in page, the same identity provider or development issuer). Simplified Chinese
/// by default, English on request (<c>?lang=en</c>, remembered in a cookie).
/// </summary>
public static class WebUiExtensions
{
    private const string Scheme = "ui-or-api";

    public static void AddWebUi(this WebApplicationBuilder builder, WebUiOptions ui)
    {
        builder.Services.AddSingleton(ui);
        builder.Services.AddRazorPages(o => o.RootDirectory = "/Ui/Pages");
        // Ahead of the API's problem-details handler, which would answer a browser with JSON.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IExceptionHandler, UiExceptionHandler>());
        var authentication = builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = ui.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/ui/signin";
                o.LogoutPath = "/ui/signout";
                o.AccessDeniedPath = "/ui/denied";
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
            })
            .AddPolicyScheme(Scheme, "The UI's cookie or the API's bearer token", o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/ui") ? CookieAuthenticationDefaults.AuthenticationScheme : JwtBearerDefaults.AuthenticationScheme);
        AddIdentityProviderSignIn(builder, authentication);
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            CultureInfo[] cultures = [new("zh-Hans"), new("en")];
            o.DefaultRequestCulture = new RequestCulture("zh-Hans");
            o.SupportedCultures = o.SupportedUICultures = cultures;
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CookieRequestCultureProvider(),
            ];
        });
    }

    /// <summary>
    /// With a real identity provider (<c>Identity:Authority</c>) and a client registered for the UI
    /// (<c>Identity:UiClientId</c>, optionally <c>Identity:UiClientSecret</c>), people sign in there
    /// (authorization code + PKCE); judges keep their invitation links.
    /// </summary>
    private static void AddIdentityProviderSignIn(WebApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        var identity = builder.Configuration.GetSection("Identity");
        if (string.IsNullOrWhiteSpace(identity["Authority"]) || string.IsNullOrWhiteSpace(identity["UiClientId"])) return;
        authentication.AddOpenIdConnect(o =>
        {
            o.Authority = identity["Authority"];
            o.ClientId = identity["UiClientId"];
            o.ClientSecret = identity["UiClientSecret"];
            o.RequireHttpsMetadata = identity.GetValue("RequireHttpsMetadata", true);
            o.ResponseType = "code";
            o.UsePkce = true;
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.CallbackPath = "/ui/signin-oidc";
            o.SignedOutCallbackPath = "/ui/signout-oidc";
            o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.TokenValidationParameters.NameClaimType = "name";
            o.TokenValidationParameters.RoleClaimType = identity["RoleClaim"] ?? CampaignClaims.Role;
        });
        builder.Services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme,
            o => o.ForwardChallenge = OpenIdConnectDefaults.AuthenticationScheme);
    }

    public static void MapWebUi(this WebApplication app)
    {
        app.UseRequestLocalization();
        // ?lang=en switches the language and remembers it.
        app.Use((context, next) =>
        {
            if (context.Request.Query["lang"] is [var lang] && lang is "en" or "zh-Hans")
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(lang)), new CookieOptions { HttpOnly = true, IsEssential = true });
            return next(context);
        });
        // Endpoints, not middleware: the stylesheet and script are public (the sign-in page needs
        // them) while the fallback policy closes everything else.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorPages();
    }

    /// <summary>The UI's session for a signed-in person: the same claims a token of the identity provider carries.</summary>
    public static Task SignInAsync(this HttpContext http, string userId, string name, IEnumerable<string> roles, string? organization = null)
    {
        var claims = new List<Claim> { new("sub", userId), new("name", name) };
        claims.AddRange(roles.Select(r => new Claim(CampaignClaims.Role, r)));
        if (organization is not null) claims.Add(new(CampaignClaims.Organization, organization));
        var identity = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, "name", CampaignClaims.Role);
        return http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }
}
