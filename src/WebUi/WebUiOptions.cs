namespace Campaign.WebUi;

/// <summary>A text as it is written: Simplified Chinese and English side by side.</summary>
public sealed record UiText(string Chinese, string English);

/// <summary>A link of the layout's navigation, shown to people in any of <see cref="Roles"/>.</summary>
public sealed record UiLink(string Path, UiText Text, string AccessKey, params string[] Roles);

/// <summary>What one service's web UI is: its cookie, who signs in to it, its name and its navigation.</summary>
public sealed record WebUiOptions
{
    /// <summary>Each service its own session: signing in to one does not sign in to another.</summary>
    public required string CookieName { get; init; }

    /// <summary>The roles that have pages here: the development sign-in page offers the sample users with one of them.</summary>
    public required IReadOnlyList<string> SignInRoles { get; init; }

    /// <summary>After each page's title in the browser's tab.</summary>
    public required UiText Title { get; init; }

    /// <summary>The header's name of the UI, a link to <c>/ui</c>.</summary>
    public required UiText Brand { get; init; }

    public IReadOnlyList<UiLink> Links { get; init; } = [];

    /// <summary>What the sign-in page says when a real identity provider signs people in.</summary>
    public UiText ProviderSignIn { get; init; } = new("请通过本单位的统一身份认证登录。", "Sign in through your organization's identity provider.");
}
