using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;

namespace Campaign.Judging.Entries;

/// <summary>J2: one judge's score of one entry.</summary>
public sealed record ScoreGiven(Guid EntryId, string JudgeId, decimal Score, string? Comment, DateTimeOffset GivenAt);

public enum ReviewState { AwaitingCheck, AwaitingReview, Approved, Rejected }

/// <summary>
/// An entry as judging sees it. Submission and media check arrive on separate queues, so either
/// may come first: the stream accepts both orders.
/// </summary>
public sealed record JudgingEntry(
    Guid Id,
    string CampaignId,
    string CategoryId,
    string? OrganizationId = null,
    string? Title = null,
    string? StoryText = null,
    Verdict? MediaVerdict = null,
    IReadOnlyList<Finding>? Findings = null,
    ReviewState Review = ReviewState.AwaitingCheck,
    IReadOnlyList<string>? PublishedOn = null,
    IReadOnlyDictionary<string, decimal>? Scores = null,
    bool Judged = false,
    bool Excluded = false)
{
    public static JudgingEntry Create(EntrySubmitted e) => new JudgingEntry(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);
    public static JudgingEntry Create(MediaChecked e) => new JudgingEntry(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);

    public bool Submitted => Title is not null;
    public bool AwaitingReview => Submitted && !Excluded && Review == ReviewState.AwaitingReview;
    public bool OpenForScoring => !Excluded && !Judged && Review == ReviewState.Approved;

    public JudgingEntry Apply(EntrySubmitted e) =>
        this with { OrganizationId = e.OrganizationId, Title = e.Title, StoryText = e.StoryText };

    // P1: only works whose media passed or need a person's eye go to review.
    public JudgingEntry Apply(MediaChecked e) => this with
    {
        MediaVerdict = e.Verdict,
        Findings = e.Findings,
        Review = e.Verdict == Verdict.Failed ? ReviewState.AwaitingCheck : ReviewState.AwaitingReview,
    };

    public JudgingEntry Apply(EntryReviewed e) => this with { Review = e.Approved ? ReviewState.Approved : ReviewState.Rejected };
    public JudgingEntry Apply(EntryPublished e) => this with { PublishedOn = [.. PublishedOn ?? [], e.PlatformId] };
    public JudgingEntry Apply(ScoreGiven e) =>
        this with { Scores = new Dictionary<string, decimal>(Scores ?? new Dictionary<string, decimal>()) { [e.JudgeId] = e.Score } };
    public JudgingEntry Apply(EntryJudged _) => this with { Judged = true };
    public JudgingEntry Apply(EntryWithdrawn _) => this with { Excluded = true };
    public JudgingEntry Apply(EntryDisqualified _) => this with { Excluded = true };
}
