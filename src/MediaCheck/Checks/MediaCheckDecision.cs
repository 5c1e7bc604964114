using Campaign.Campaigns;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.MediaCheck.Stories;

namespace Campaign.MediaCheck.Checks;

/// <summary>What the campaign's format rules say about an entry: one finding per rule id.</summary>
public static class MediaCheckDecision
{
    public static MediaChecked Decide(Category category, EntrySubmitted entry, DateTimeOffset now)
    {
        var findings = category.Kind switch
        {
            "story" => StoryFindings(category.Story!, entry),
            _ => MediaFindings(category, entry),
        };
        return new MediaChecked(entry.EntryId, entry.CampaignId, entry.CategoryId, VerdictOf(findings), findings, now);
    }

    /// <summary>Failed if any finding fails, needs review if any needs review, passed otherwise.</summary>
    public static Verdict VerdictOf(IReadOnlyList<Finding> findings) =>
        findings.Any(f => f.Status == FindingStatus.Fail) ? Verdict.Failed
        : findings.Any(f => f.Status == FindingStatus.NeedsReview) ? Verdict.NeedsReview
        : Verdict.Passed;

    private static List<Finding> StoryFindings(StoryRules rules, EntrySubmitted entry)
    {
        var count = StoryLength.Count(entry.StoryText ?? "");
        var limit = $"{rules.MinCharacters}–{rules.MaxCharacters}";
        var ok = count >= rules.MinCharacters && count <= rules.MaxCharacters;
        return [new Finding("S1", ok ? FindingStatus.Pass : FindingStatus.Fail, count.ToString(), limit,
            ok ? $"故事正文{count}字，符合{limit}字要求。" : $"故事正文{count}字，应为{limit}字。")];
    }

    private static List<Finding> MediaFindings(Category category, EntrySubmitted entry)
    {
        var containerRule = category.Kind == "video" ? "V1" : "R1";
        return entry.Media.Count == 0
            ? [new Finding(containerRule, FindingStatus.Fail, "no file", string.Join("/", category.Media!.Containers), "未上传作品文件。")]
            // Measuring files is MediaCheck's next step (ffprobe); until then a person looks.
            : [new Finding(containerRule, FindingStatus.NeedsReview, null, string.Join("/", category.Media!.Containers), "作品文件待人工核验格式。")];
    }
}
