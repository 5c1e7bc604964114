using Campaign.ServiceDefaults.Identity;
using Campaign.WebUi;

namespace Campaign.Judging.Ui;

/// <summary>The web UI of judges, reviewers and organizers on the shared UI floor (<c>src/WebUi</c>): the judging pages and the media they play.</summary>
public static class UiExtensions
{
    public static void AddJudgingUi(this WebApplicationBuilder builder) => builder.AddWebUi(new WebUiOptions
    {
        CookieName = "campaign-judging",
        SignInRoles = [Roles.Judge, Roles.Reviewer, Roles.Organizer],
        Title = new("作品评审", "Judging"),
        Brand = new("作品征集 · 评审", "Works campaign · Judging"),
        Links =
        [
            new("/ui/judge", new("我的评审", "My judging"), "j", Roles.Judge),
            new("/ui/review", new("审核", "Review"), "r", Roles.Reviewer, Roles.Organizer),
            new("/ui/panels", new("评委会", "Panels"), "p", Roles.Organizer),
        ],
        ProviderSignIn = new("请通过本单位的统一身份认证登录；评委请使用邀请邮件中的链接。",
            "Sign in through your organization's identity provider; judges use the link in their invitation."),
    });

    public static void MapJudgingUi(this WebApplication app)
    {
        app.MapWebUi();
        app.MapMedia();
    }
}
