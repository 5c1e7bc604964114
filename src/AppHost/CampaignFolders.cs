using Microsoft.Extensions.Configuration;

namespace Campaign.AppHost;

/// <summary>The folders of campaign files every service loads beside the embedded default (docs/campaigns.md).</summary>
public static class CampaignFolders
{
    /// <summary><c>Campaigns:Directory</c> (one folder, or several joined by the path separator) and, when
    /// <c>Demo:Enabled</c> is set (<c>scripts/run.sh --demo</c>), the demo's campaign folder (demo/campaigns, open now);
    /// joined by the path separator, as full paths, or empty.</summary>
    public static string Of(IDistributedApplicationBuilder builder)
    {
        var demo = builder.Configuration.GetValue("Demo:Enabled", false)
            ? Path.Combine(builder.AppHostDirectory, "..", "..", "demo", "campaigns")
            : null;
        return string.Join(Path.PathSeparator, new[] { builder.Configuration["Campaigns:Directory"], demo }
            .SelectMany(d => (d ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(Path.GetFullPath));
    }
}
