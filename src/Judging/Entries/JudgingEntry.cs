using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;

namespace Campaign.Judging.Entries;

/// <summary>J2: a judge's score of an entry, a draft they may change until they submit it.</summary>
public sealed record ScoreGiven(Guid EntryId, string JudgeId, decimal Score, string? Comment, DateTimeOffset GivenAt);

/// <summary>J2: the judge handed in their score of the entry; it can no longer change.</summary>
public sealed record ScoreSubmitted(Guid EntryId, string JudgeId, DateTimeOffset SubmittedAt);

/// <summary>J1: the judges who score this entry — the panel without its conflicted judges, or a balanced subset.</summary>
public sealed record JudgesAssigned(Guid EntryId, IReadOnlyList<string> Judges, DateTimeOffset AssignedAt);

/// <summary>J1: a judge declared a conflict of interest with the entry and no longer scores it.</summary>
public sealed record ConflictDeclared(Guid EntryId, string JudgeId, string Reason, DateTimeOffset DeclaredAt);

public enum ReviewState { AwaitingCheck, AwaitingReview, Approved, Rejected }

/// <summary>One judge's sheet for one entry.</summary>
public sealed record Sheet(decimal Score, string? Comment, bool Submitted = false);

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
    IReadOnlyList<MediaReference>? Media = null,
    Verdict? MediaVerdict = null,
    IReadOnlyList<Finding>? Findings = null,
    ReviewState Review = ReviewState.AwaitingCheck,
    string? RejectionReason = null,
    IReadOnlyList<EntryPublished>? Publications = null,
    IReadOnlyList<string>? Judges = null,
    IReadOnlyList<string>? Conflicts = null,
    IReadOnlyDictionary<string, Sheet>? Sheets = null,
    bool Judged = false,
    bool Excluded = false)
{
    /// <summary>The stream's version, set by Marten: appends to many entries at once are checked against it.</summary>
    public long Version { get; set; }

    public static JudgingEntry Create(EntrySubmitted e) => new JudgingEntry(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);
    public static JudgingEntry Create(MediaChecked e) => new JudgingEntry(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);

    public bool IsSubmitted => Title is not null;
    public bool AwaitingReview => IsSubmitted && !Excluded && Review == ReviewState.AwaitingReview;
    public bool OpenForScoring => !Excluded && !Judged && Review == ReviewState.Approved;
    public IReadOnlyList<string> AssignedJudges => Judges ?? [];
    public Sheet? SheetOf(string judgeId) => Sheets?.GetValueOrDefault(judgeId);

    /// <summary>J2: every assigned judge has submitted a score.</summary>
    public bool AllScoresIn => AssignedJudges.Count > 0 && AssignedJudges.All(j => SheetOf(j)?.Submitted == true);

    public JudgingEntry Apply(EntrySubmitted e) =>
        this with { OrganizationId = e.OrganizationId, Title = e.Title, StoryText = e.StoryText, Media = e.Media };

    // New files are checked again before anyone reviews them.
    public JudgingEntry Apply(EntryMediaChanged e) => this with { Media = e.Media, MediaVerdict = null, Findings = null, Review = ReviewState.AwaitingCheck };

    // P1: only works whose media passed or need a person's eye go to review.
    public JudgingEntry Apply(MediaChecked e) => this with
    {
        MediaVerdict = e.Verdict,
        Findings = e.Findings,
        Review = e.Verdict == Verdict.Failed ? ReviewState.AwaitingCheck : ReviewState.AwaitingReview,
    };

    public JudgingEntry Apply(EntryReviewed e) =>
        this with { Review = e.Approved ? ReviewState.Approved : ReviewState.Rejected, RejectionReason = e.Approved ? null : e.Reason };
    public JudgingEntry Apply(EntryPublished e) => this with { Publications = [.. Publications ?? [], e] };
    public JudgingEntry Apply(JudgesAssigned e) => this with { Judges = e.Judges };
    public JudgingEntry Apply(ConflictDeclared e) => this with
    {
        Conflicts = [.. Conflicts ?? [], e.JudgeId],
        Judges = AssignedJudges.Where(j => j != e.JudgeId).ToList(),
    };
    public JudgingEntry Apply(ScoreGiven e) => WithSheet(e.JudgeId, new Sheet(e.Score, e.Comment));
    public JudgingEntry Apply(ScoreSubmitted e) => WithSheet(e.JudgeId, SheetOf(e.JudgeId)! with { Submitted = true });
    public JudgingEntry Apply(EntryJudged _) => this with { Judged = true };
    public JudgingEntry Apply(EntryWithdrawn _) => this with { Excluded = true };
    public JudgingEntry Apply(EntryDisqualified _) => this with { Excluded = true };

    /// <summary>Applies an event this service decides, as a decision's caller stages it.</summary>
    public JudgingEntry Then(object @event) => @event switch
    {
        EntryReviewed e => Apply(e),
        EntryPublished e => Apply(e),
        JudgesAssigned e => Apply(e),
        ConflictDeclared e => Apply(e),
        ScoreGiven e => Apply(e),
        ScoreSubmitted e => Apply(e),
        EntryJudged e => Apply(e),
        _ => throw new ArgumentException($"judging does not decide {@event.GetType().Name}", nameof(@event)),
    };

    private JudgingEntry WithSheet(string judgeId, Sheet sheet) =>
        this with { Sheets = new Dictionary<string, Sheet>(Sheets ?? new Dictionary<string, Sheet>()) { [judgeId] = sheet } };
}
