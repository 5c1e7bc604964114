using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;

namespace Campaign.MediaCheck.Checks;

public static class MediaCheckDecision
{
    public static MediaChecked Decide(EntrySubmitted entry, IReadOnlyList<Finding> findings, DateTimeOffset now) =>
        new(entry.EntryId, entry.CampaignId, entry.CategoryId, VerdictOf(findings), findings, now);

    /// <summary>Failed if any finding fails, needs review if any needs review, passed otherwise.</summary>
    public static Verdict VerdictOf(IReadOnlyList<Finding> findings) =>
        findings.Any(f => f.Status == FindingStatus.Fail) ? Verdict.Failed
        : findings.Any(f => f.Status == FindingStatus.NeedsReview) ? Verdict.NeedsReview
        : Verdict.Passed;
}
