using static Campaign.WebUi.L;

namespace Campaign.Judging.Ui;

public static class ReviewItems
{
    /// <summary>The human-review items of RULES.md that reviewers tick before approving (P1).</summary>
    public static string ReviewItem(string ruleId) => ruleId switch
    {
        "V5" => T("V5 重点内容配有简体中文字幕", "V5 Key content has Simplified Chinese subtitles"),
        "V6" => T("V6 无水印标识、无商业广告、非企业宣传片", "V6 No watermark, no commercial ads, not a corporate promo"),
        "R4" => T("R4 使用普通话；选手出镜时间不少于1分钟", "R4 Mandarin; the performer is on screen for at least 1 minute"),
        "R5" => T("R5 无水印标识、无商业广告", "R5 No watermark, no ads"),
        "S4" => T("S4 权威性、故事性、条理性", "S4 Authoritative, story-like, well structured"),
        _ => ruleId,
    };
}
