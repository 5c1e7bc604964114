using Campaign.ServiceDefaults.Identity;
using Campaign.WebUi;

namespace Campaign.Awards.Ui;

/// <summary>The organizers' pages of results on the shared UI floor (<c>src/WebUi</c>) — each category's
/// ranked table, the cap report, the seal, exports and certificates — and the public pages: the
/// announcement (公示) and certificate verification, which need no sign-in.</summary>
public static class AwardsUi
{
    public static void AddAwardsUi(this WebApplicationBuilder builder) => builder.AddWebUi(new WebUiOptions
    {
        CookieName = "campaign-awards",
        SignInRoles = [Roles.Organizer],
        Title = new("评选结果", "Results"),
        Brand = new("作品征集 · 评选结果", "Works campaign · Results"),
        Links = [new("/ui", new("评选结果", "Results"), "r", Roles.Organizer)],
    });

    public static void MapAwardsUi(this WebApplication app) => app.MapWebUi();
}
