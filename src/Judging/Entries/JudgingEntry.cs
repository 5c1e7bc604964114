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
/// An entry as judging sees it. Submission, replacements, verdicts and exclusions arrive late,
/// twice or in any order, and any of them may come first: the same facts give the same entry.
/// The entry's files are the newest by <see cref="EntryMediaChanged.ChangedAt"/>; the verdict applied
/// is the newest one naming those files, the others are kept for when their files become current.
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
    bool Excluded = false,
    DateTimeOffset? MediaChangedAt = null,
    IReadOnlyList<MediaChecked>? Verdicts = null)
{
    /// <summary>The stream's version, set by Marten: appends to many entries at once are checked against it.</summary>
    public long Version { get; set; }

    public static JudgingEntry Create(EntrySubmitted e) => new JudgingEntry(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);
    public static JudgingEntry Create(MediaChecked e) => new JudgingEntry(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);
    public static JudgingEntry Create(EntryMediaChanged e) => new JudgingEntry(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);
    public static JudgingEntry Create(EntryWithdrawn e) => new JudgingEntry(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);
    public static JudgingEntry Create(EntryDisqualified e) => new JudgingEntry(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);

    public bool IsSubmitted => Title is not null;
    public bool AwaitingReview => IsSubmitted && !Excluded && Review == ReviewState.AwaitingReview;
    public bool OpenForScoring => !Excluded && !Judged && Review == ReviewState.Approved;
    public IReadOnlyList<string> AssignedJudges => Judges ?? [];
    public Sheet? SheetOf(string judgeId) => Sheets?.GetValueOrDefault(judgeId);

    /// <summary>J2: every assigned judge has submitted a score.</summary>
    public bool AllScoresIn => AssignedJudges.Count > 0 && AssignedJudges.All(j => SheetOf(j)?.Submitted == true);

    public JudgingEntry Apply(EntrySubmitted e) =>
        (this with { OrganizationId = e.OrganizationId, Title = e.Title, StoryText = e.StoryText, Media = MediaChangedAt is null ? e.Media : Media }).Settled();

    /// <summary>
    /// Files replaced before the entry is judged are checked and reviewed again; after judging, or
    /// when older than the files the entry has (a replacement heard late), nothing changes.
    /// </summary>
    public JudgingEntry Apply(EntryMediaChanged e) =>
        Judged || !IsNewer(e) ? this
        : (this with { Media = e.Media, MediaChangedAt = e.ChangedAt, Review = ReviewState.AwaitingCheck, RejectionReason = null }).Settled();

    /// <summary>
    /// A verdict is kept, the newest per set of files; it applies only while it names the entry's
    /// current files. One without <see cref="MediaChecked.Media"/> (from before verdicts named their
    /// files) judged the files the entry had when it was heard, the submitted ones if none yet.
    /// </summary>
    public JudgingEntry Apply(MediaChecked e)
    {
        if (Judged) return this;
        var heard = e.Media is null && Media is not null ? e with { Media = Addresses(Media) } : e;
        var same = Verdicts?.FirstOrDefault(v => Key(v.Media) == Key(heard.Media));
        if (same is not null && !IsLater(heard, same)) return this;
        return (this with { Verdicts = [.. (Verdicts ?? []).Where(v => v != same).Append(heard).OrderBy(v => Key(v.Media), StringComparer.Ordinal)] }).Settled();
    }

    /// <summary>The newest verdict on the entry's current files, if any.</summary>
    private MediaChecked? CurrentVerdict() => Media is null ? null
        : (Verdicts ?? []).Where(v => v.Media is null ? MediaChangedAt is null : v.Media.SequenceEqual(Addresses(Media)))
            .OrderBy(v => v.CheckedAt).ThenBy(v => v.Verdict).LastOrDefault();

    // P1: only works whose media passed or need a person's eye go to review; a review of these files stands.
    private JudgingEntry Settled()
    {
        var verdict = CurrentVerdict();
        if (Review is ReviewState.Approved or ReviewState.Rejected)
            return verdict is null ? this : this with { MediaVerdict = verdict.Verdict, Findings = verdict.Findings };
        return this with
        {
            MediaVerdict = verdict?.Verdict,
            Findings = verdict?.Findings,
            Review = verdict is null || verdict.Verdict == Verdict.Failed ? ReviewState.AwaitingCheck : ReviewState.AwaitingReview,
        };
    }

    // Two replacements stamped with the same instant: the order of their addresses decides, so every order of arrival agrees.
    private bool IsNewer(EntryMediaChanged e) =>
        MediaChangedAt is not { } at || e.ChangedAt > at
        || e.ChangedAt == at && string.CompareOrdinal(Key(Addresses(e.Media)), Key(Addresses(Media ?? []))) > 0;

    private static bool IsLater(MediaChecked a, MediaChecked b) => a.CheckedAt > b.CheckedAt || a.CheckedAt == b.CheckedAt && a.Verdict > b.Verdict;

    private static IReadOnlyList<string> Addresses(IReadOnlyList<MediaReference> media) => media.Select(m => m.Sha256).ToList();

    private static string? Key(IReadOnlyList<string>? media) => media is null ? null : string.Join(",", media);

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

    private JudgingEntry WithSheet(string judgeId, Sheet sheet) =>
        this with { Sheets = new Dictionary<string, Sheet>(Sheets ?? new Dictionary<string, Sheet>()) { [judgeId] = sheet } };
}
