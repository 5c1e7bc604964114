namespace Campaign.Contracts.MediaCheck;

/// <summary>
/// The verdict on an entry's media. <see cref="Media"/> names what was judged — the content
/// addresses (SHA-256) of the files, in the entry's order — so a verdict on files since replaced is
/// recognised as stale: recorded, never applied.
/// </summary>
public sealed record MediaChecked(
    Guid EntryId,
    string CampaignId,
    string CategoryId,
    Verdict Verdict,
    IReadOnlyList<Finding> Findings,
    DateTimeOffset CheckedAt,
    IReadOnlyList<string>? Media = null);

public enum Verdict { Passed, NeedsReview, Failed }

public enum FindingStatus { Pass, NeedsReview, Fail }

/// <summary>
/// One finding per rule id, with what was measured against which limit. <see cref="Message"/> is
/// Simplified Chinese, for the submitter; <see cref="MessageEn"/> is its English rendering.
/// </summary>
public sealed record Finding(string RuleId, FindingStatus Status, string? Measured, string? Limit, string Message, string? MessageEn = null);
