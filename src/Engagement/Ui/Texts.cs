using Campaign.Campaigns;
using Campaign.Engagement.Snapshots;
using static Campaign.WebUi.L;

namespace Campaign.Engagement.Ui;

/// <summary>The names organizers read for E1's signals, snapshot states and figures, in both languages.</summary>
public static class Texts
{
    /// <summary>A work's short name: the end of its id, since ids made at about the same time begin alike (version 7).</summary>
    public static string Work(Guid entryId) => $"…{entryId.ToString("N")[^8..]}";

    /// <summary>A platform as the campaign names it.</summary>
    public static string Platform(CampaignDefinition campaign, string platformId) =>
        campaign.Platforms.FirstOrDefault(p => p.Id == platformId)?.Name ?? platformId;

    public static string Signal(string signal) => signal switch
    {
        Signals.Growth => T("增长异常", "Unusual growth"),
        Signals.Ratio => T("赞播比异常", "Unusual likes per view"),
        Signals.Burst => T("截止前突增", "Burst before the cutoff"),
        _ => signal,
    };

    public static string State(SnapshotState state) => state switch
    {
        SnapshotState.Applied => T("计入", "Counted"),
        SnapshotState.Decreasing => T("数值下降，未采用", "Decreasing, not applied"),
        SnapshotState.AfterCutoff => T("截止后，不计入", "After the cutoff, not counted"),
        SnapshotState.Excluded => T("已排除", "Excluded"),
        _ => state.ToString(),
    };

    public static string Figure(string figure) => figure switch
    {
        "views" => T("浏览", "Views"),
        "likes" => T("点赞", "Likes"),
        "shares" => T("转发", "Shares"),
        "comments" => T("评论", "Comments"),
        _ => figure,
    };
}
