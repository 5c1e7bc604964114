using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;

namespace Campaign.MediaCheck.Checks;

public static class MediaCheckDecision
{
    public static MediaChecked Decide(EntrySubmitted entry, IReadOnlyList<Finding> findings, DateTimeOffset now)
    {
        return new(entry.EntryId, entry.CampaignId, entry.CategoryId, VerdictOf(findings), findings, now, entry.Media.Select(m => m.Sha256).ToList());
    }

    /// <summary>
    /// A finding as the check that makes it raises it, in both languages: the Chinese written there
    /// for the submitter; the English written there too, or else told from the same facts — the
    /// rule, the outcome, what was measured against which limit.
    /// </summary>
    public static Finding Found(string ruleId, FindingStatus status, string? measured, string? limit, string chinese, string? english = null) =>
        new(ruleId, status, measured, limit, chinese, english ?? status switch
        {
            FindingStatus.Pass => $"{ruleId} passed: {measured ?? "checked"} (limit {limit ?? "none"}).",
            FindingStatus.Fail when measured == "unreadable" => $"{ruleId} failed: the file could not be read as {limit ?? "media"}.",
            FindingStatus.Fail => $"{ruleId} failed: measured {measured ?? "nothing"}, limit {limit ?? "none"}.",
            _ => $"{ruleId} needs a person's review: measured {measured ?? "nothing"}, expected {limit ?? "see the rule"}.",
        });

    /// <summary>Failed if any finding fails, needs review if any needs review, passed otherwise.</summary>
    public static Verdict VerdictOf(IReadOnlyList<Finding> findings) =>
        findings.Any(f => f.Status == FindingStatus.Fail) ? Verdict.Failed
        : findings.Any(f => f.Status == FindingStatus.NeedsReview) ? Verdict.NeedsReview
        : Verdict.Passed;
}
