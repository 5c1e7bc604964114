using Campaign.ServiceDefaults.Identity;
using Campaign.WebUi;

namespace Campaign.Engagement.Ui;

/// <summary>The organizers' pages of engagement on the shared UI floor (<c>src/WebUi</c>): each
/// category's works with their counted figures and flags, each work's figures over time, and E1's
/// exclusions — through the same queries and write path as the API.</summary>
public static class EngagementUi
{
    public static void AddEngagementUi(this WebApplicationBuilder builder) => builder.AddWebUi(new WebUiOptions
    {
        CookieName = "campaign-engagement",
        SignInRoles = [Roles.Organizer],
        Title = new("网络传播", "Engagement"),
        Brand = new("作品征集 · 网络传播", "Works campaign · Engagement"),
        Links = [new("/ui", new("传播数据", "Figures"), "f", Roles.Organizer)],
    });

    public static void MapEngagementUi(this WebApplication app) => app.MapWebUi();
}
