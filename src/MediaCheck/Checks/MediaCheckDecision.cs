using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;

namespace Campaign.MediaCheck.Checks;

public static class MediaCheckDecision
{
    public static MediaChecked Decide(EntrySubmitted entry, IReadOnlyList<Finding> findings, DateTimeOffset now)
    {
        var described = findings.Select(f => f with { MessageEn = f.MessageEn ?? English(f) }).ToList();
        return new(entry.EntryId, entry.CampaignId, entry.CategoryId, VerdictOf(described), described, now, entry.Media.Select(m => m.Sha256).ToList());
    }

    /// <summary>The English rendering: the rule, the outcome, what was measured against which limit.</summary>
    public static string English(Finding f) => f.Status switch
    {
        FindingStatus.Pass => $"{f.RuleId} passed: {f.Measured ?? "checked"} (limit {f.Limit ?? "none"}).",
        FindingStatus.Fail when f.Measured == "unreadable" => $"{f.RuleId} failed: the file could not be read as {f.Limit ?? "media"}.",
        FindingStatus.Fail => $"{f.RuleId} failed: measured {f.Measured ?? "nothing"}, limit {f.Limit ?? "none"}.",
        _ => $"{f.RuleId} needs a person's review: measured {f.Measured ?? "nothing"}, expected {f.Limit ?? "see the rule"}.",
    };

    /// <summary>Failed if any finding fails, needs review if any needs review, passed otherwise.</summary>
    public static Verdict VerdictOf(IReadOnlyList<Finding> findings) =>
        findings.Any(f => f.Status == FindingStatus.Fail) ? Verdict.Failed
        : findings.Any(f => f.Status == FindingStatus.NeedsReview) ? Verdict.NeedsReview
        : Verdict.Passed;
}
