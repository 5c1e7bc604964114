using Campaign.Campaigns;

namespace Campaign.Engagement.Connectors;

/// <summary>The kinds of platform data API a connector pulls from.</summary>
public static class ConnectorKinds
{
    public const string Douyin = "douyin";
    public const string WeChat = "wechat";
    public static readonly IReadOnlyList<string> All = [Douyin, WeChat];
}

/// <summary>
/// E1: one platform's connector, configured under <c>Engagement:Connectors:{platformId}</c> in the
/// service's configuration (never in the campaign file: these are an account's secrets). Douyin uses
/// <see cref="ClientKey"/>, <see cref="OpenId"/>, <see cref="AccessToken"/> and <see cref="RefreshToken"/>
/// of the account's authorization; WeChat uses the official account's <see cref="AppId"/> and
/// <see cref="AppSecret"/>. docs/connectors.md says how to obtain each.
/// </summary>
public sealed record ConnectorOptions
{
    public string Kind { get; init; } = "";
    /// <summary>The platform's API root; the official one when not set (a stand-in in tests).</summary>
    public string? BaseUrl { get; init; }
    public string? ClientKey { get; init; }
    /// <summary>Kept with the account's other secrets; the documented refresh call does not send it.</summary>
    public string? ClientSecret { get; init; }
    public string? OpenId { get; init; }
    public string? AccessToken { get; init; }
    public string? RefreshToken { get; init; }
    public string? AppId { get; init; }
    public string? AppSecret { get; init; }
    /// <summary>The campaign whose platform this is, when several campaigns use the same platform id.</summary>
    public string? Campaign { get; init; }
    /// <summary>How often a "continuous" platform is polled (a "daily" one: once a day after its reporting lag).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);
    /// <summary>The pause between two calls of one poll: calls go one after another, never in parallel.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>The first wait after the platform says "too fast"; each further one doubles.</summary>
    public TimeSpan RateLimitBackoff { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>How many times one call is retried after "too fast" before the poll stops and tries again later.</summary>
    public int RateLimitRetries { get; init; } = 3;
    /// <summary>How long after a poll that stopped (rate limit, quota, platform down) the next one starts.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromMinutes(30);

    public Uri Root => new((BaseUrl ?? (Kind == ConnectorKinds.Douyin ? "https://open.douyin.com" : "https://api.weixin.qq.com")).TrimEnd('/') + "/");

    /// <summary>
    /// Which credentials these are, without them: a poll refused for its credentials is not tried
    /// again until the configuration names other ones (docs/connectors.md, "needs-credentials").
    /// </summary>
    public string CredentialFingerprint => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join('\n', Kind, BaseUrl, ClientKey, OpenId, AccessToken, RefreshToken, AppId, AppSecret))))[..16];
}

/// <summary>Every configured connector, each with the campaign and platform it reports for; validated at start.</summary>
public sealed class ConnectorSettings
{
    public const string Section = "Engagement:Connectors";

    public ConnectorSettings(IReadOnlyDictionary<string, ConnectorOptions> connectors, CampaignCatalog campaigns)
    {
        var errors = new List<string>();
        var configured = new Dictionary<string, ConfiguredConnector>(StringComparer.Ordinal);
        foreach (var (platformId, options) in connectors)
        {
            var problems = Check(options).ToList();
            var campaign = campaigns.All.Where(c => options.Campaign is null || c.Id == options.Campaign)
                .FirstOrDefault(c => c.Platforms.Any(p => p.Id == platformId));
            if (campaign is null) problems.Add($"no campaign{(options.Campaign is null ? "" : $" '{options.Campaign}'")} has a platform '{platformId}'");
            errors.AddRange(problems.Select(p => $"{Section}:{platformId}: {p}"));
            if (problems.Count == 0)
                configured[platformId] = new ConfiguredConnector(platformId, options, campaign!, campaign!.Platforms.Single(p => p.Id == platformId));
        }
        if (errors.Count > 0) throw new InvalidOperationException("Invalid connector configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        All = configured;
    }

    public IReadOnlyDictionary<string, ConfiguredConnector> All { get; }

    public ConfiguredConnector Find(string platformId) => All.GetValueOrDefault(platformId)
        ?? throw Refusal.NotFound($"平台“{platformId}”未配置数据接口", $"No connector is configured for platform '{platformId}'");

    private static IEnumerable<string> Check(ConnectorOptions o)
    {
        if (!ConnectorKinds.All.Contains(o.Kind)) yield return $"Kind is '{o.Kind}'; it must be one of {string.Join(", ", ConnectorKinds.All)}";
        if (o.BaseUrl is not null && !Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _)) yield return $"BaseUrl '{o.BaseUrl}' is not an absolute URL";
        string?[] required = o.Kind == ConnectorKinds.Douyin ? [o.ClientKey, o.OpenId, o.AccessToken, o.RefreshToken]
            : o.Kind == ConnectorKinds.WeChat ? [o.AppId, o.AppSecret] : [];
        if (required.Any(string.IsNullOrWhiteSpace))
            yield return o.Kind == ConnectorKinds.Douyin ? "a Douyin connector needs ClientKey, OpenId, AccessToken and RefreshToken"
                : "a WeChat connector needs AppId and AppSecret";
        if (o.Interval <= TimeSpan.Zero || o.Pause < TimeSpan.Zero || o.RateLimitBackoff < TimeSpan.Zero || o.RetryAfter <= TimeSpan.Zero || o.RateLimitRetries < 0)
            yield return "Interval and RetryAfter must be positive; Pause, RateLimitBackoff and RateLimitRetries cannot be negative";
    }
}

/// <summary>A connector with the campaign and the platform (its cadence, its reporting lag) it pulls for.</summary>
public sealed record ConfiguredConnector(string PlatformId, ConnectorOptions Options, CampaignDefinition Campaign, Platform Platform);
