using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;

namespace Campaign.Submission.Entries;

/// <summary>A media verdict as heard, with the files it judged (content addresses, in the entry's order).</summary>
public sealed record HeardVerdict(IReadOnlyList<string> Media, Verdict Verdict, DateTimeOffset CheckedAt);

/// <summary>P1: the newest review heard.</summary>
public sealed record HeardReview(bool Approved, string? Reason, DateTimeOffset ReviewedAt);

/// <summary>
/// An entry as its stream tells it. Facts from other services arrive late, twice or out of order
/// (retries, replicas, a parked message sent back), so every field is settled by the facts
/// themselves — the newest of a kind by its own time — and the status only moves forward by its
/// <see cref="EntryLifecycle.Rank"/>: the same set of facts gives the same entry in any order.
/// </summary>
public sealed record Entry(
    Guid Id,
    string CampaignId,
    string CategoryId,
    string Title,
    string OrganizationId,
    string Port,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    EntryStatus Status,
    Verdict? MediaVerdict = null,
    decimal? JudgesScore = null,
    decimal? EngagementScore = null,
    decimal? FinalScore = null,
    string? Award = null,
    string? RejectionReason = null,
    IReadOnlyList<string>? Members = null,
    IReadOnlyList<string>? AwaitingMembers = null,
    bool AwaitingAffiliation = false,
    EntrySubmitted? Draft = null,
    IReadOnlyList<string>? Media = null,
    DateTimeOffset? MediaSince = null,
    IReadOnlyList<HeardVerdict>? Verdicts = null,
    HeardReview? Review = null,
    DateTimeOffset? PublishedAt = null,
    DateTimeOffset? JudgedAt = null,
    DateTimeOffset? EngagementScoredAt = null,
    DateTimeOffset? AwardDecidedAt = null,
    string? Certificate = null,
    DateTimeOffset? CertificateIssuedAt = null)
{
    public static Entry Create(EntrySubmitted e) =>
        new(e.EntryId, e.CampaignId, e.CategoryId, e.Title, e.OrganizationId, e.Port, e.SubmittedBy, e.SubmittedAt, EntryStatus.Submitted,
            Media: Addresses(e.Media), MediaSince: e.SubmittedAt);

    public static Entry Create(EntryHeld e) =>
        Create(e.Draft) with
        {
            Status = EntryStatus.Held, Members = e.Members, AwaitingMembers = e.AwaitingMembers, AwaitingAffiliation = e.AwaitingAffiliation, Draft = e.Draft,
        };

    public bool IsClosed => Status is EntryStatus.Withdrawn or EntryStatus.Disqualified or EntryStatus.Declined;

    /// <summary>Nobody is awaited any more: the held entry enters the campaign.</summary>
    public bool IsConfirmed => AwaitingMembers is not { Count: > 0 } && !AwaitingAffiliation;

    /// <summary>C1: judging has produced a score (or the entry is past it), in whatever order the facts came.</summary>
    public bool IsJudged => JudgesScore is not null || (!IsClosed && Status.Rank() >= EntryStatus.Judged.Rank());

    public Entry Apply(MemberConfirmed e) => this with { AwaitingMembers = (AwaitingMembers ?? []).Where(m => m != e.MemberId).ToList() };
    public Entry Apply(AffiliationConfirmed _) => this with { AwaitingAffiliation = false };
    public Entry Apply(AffiliationDeclined _) => Move(EntryStatus.Declined) with { AwaitingAffiliation = false, Draft = null };

    public Entry Apply(EntrySubmitted e)
    {
        var entered = this with { Draft = null };
        if (entered.IsNewerMedia(Addresses(e.Media), e.SubmittedAt)) entered = entered.WithMedia(Addresses(e.Media), e.SubmittedAt);
        return entered.Move(entered.ReviewStage());
    }

    /// <summary>A verdict on files since replaced is kept in <see cref="Verdicts"/> but never becomes the entry's verdict.</summary>
    public Entry Apply(MediaChecked e)
    {
        // A verdict from an old producer names nothing: it is taken as judging the files current when it is heard.
        var heard = new HeardVerdict(e.Media ?? Media ?? [], e.Verdict, e.CheckedAt);
        if (Verdicts?.Any(v => v.Verdict == heard.Verdict && v.CheckedAt == heard.CheckedAt && v.Media.SequenceEqual(heard.Media)) == true) return this;
        var next = this with { Verdicts = [.. Verdicts ?? [], heard] };
        next = next with { MediaVerdict = next.CurrentVerdict() };
        return next.Move(next.ReviewStage());
    }

    // P1: the submitter sees why the reviewer rejected the work.
    public Entry Apply(EntryReviewed e)
    {
        var heard = new HeardReview(e.Approved, e.Approved ? null : e.Reason, e.ReviewedAt);
        if (!Supersedes((heard.ReviewedAt, !heard.Approved, heard.Reason ?? ""), Review is { } r ? (r.ReviewedAt, !r.Approved, r.Reason ?? "") : null))
            return this;
        var next = this with { Review = heard, RejectionReason = heard.Reason };
        return next.Move(next.ReviewStage());
    }

    public Entry Apply(EntryPublished e) =>
        Move(EntryStatus.Published) with { PublishedAt = PublishedAt is { } first && first <= e.PublishedAt ? first : e.PublishedAt };

    public Entry Apply(EntryJudged e) =>
        (Supersedes((e.JudgedAt, e.JudgesScore), JudgedAt is { } at ? (at, JudgesScore ?? 0) : null)
            ? this with { JudgesScore = e.JudgesScore, JudgedAt = e.JudgedAt }
            : this).Move(EntryStatus.Judged);

    public Entry Apply(EngagementScored e) =>
        (Supersedes((e.ScoredAt, e.Score), EngagementScoredAt is { } at ? (at, EngagementScore ?? 0) : null)
            ? this with { EngagementScore = e.Score, EngagementScoredAt = e.ScoredAt }
            : this).Move(EntryStatus.EngagementScored);

    public Entry Apply(AwardDecided e) =>
        Supersedes((e.DecidedAt, e.FinalScore, e.TierName ?? ""), AwardDecidedAt is { } at ? (at, FinalScore ?? 0, Award ?? "") : null)
            ? (Move(e.TierId is null ? EntryStatus.NotAwarded : EntryStatus.Awarded) with { FinalScore = e.FinalScore, Award = e.TierName, AwardDecidedAt = e.DecidedAt }).WithoutAwardIfClosed()
            : this;

    /// <summary>A3: the verification code of the entry's newest certificate (a re-issue after a re-allocation is newer), in any arrival order.</summary>
    public Entry Apply(CertificateIssued e) =>
        Supersedes((e.IssuedAt, e.Code), CertificateIssuedAt is { } at ? (at, Certificate ?? "") : null)
            ? this with { Certificate = e.Code, CertificateIssuedAt = e.IssuedAt }
            : this;

    /// <summary>
    /// New files are checked and reviewed again (P1): the one step back, taken only while the work
    /// is not yet past review. A replacement older than the files already known changes nothing.
    /// </summary>
    public Entry Apply(EntryMediaChanged e)
    {
        var media = Addresses(e.Media);
        if (!IsNewerMedia(media, e.ChangedAt)) return this;
        var next = WithMedia(media, e.ChangedAt);
        return Status.Rank() < EntryStatus.Published.Rank() ? next with { Status = next.ReviewStage() } : next;
    }

    public Entry Apply(EntryWithdrawn _) => Move(EntryStatus.Withdrawn).WithoutAwardIfClosed();
    public Entry Apply(EntryDisqualified _) => Move(EntryStatus.Disqualified).WithoutAwardIfClosed();

    /// <summary>C1: a withdrawn or disqualified work carries no award, whether the award was decided before the news or after.</summary>
    private Entry WithoutAwardIfClosed() => IsClosed ? this with { Award = null } : this;

    // Forward only: late news is kept in the history but never moves the status back, nor revives a closed entry.
    private Entry Move(EntryStatus next) => next.Rank() >= Status.Rank() ? this with { Status = next } : this;

    private EntryStatus ReviewStage() =>
        Draft is not null ? EntryStatus.Held
        : Review is { } r && r.ReviewedAt >= (MediaSince ?? DateTimeOffset.MinValue) ? (r.Approved ? EntryStatus.Approved : EntryStatus.Rejected)
        : MediaVerdict is not null ? EntryStatus.MediaChecked
        : EntryStatus.Submitted;

    private Verdict? CurrentVerdict() =>
        Verdicts?.Where(v => v.Media.SequenceEqual(Media ?? [])).MaxBy(v => (v.CheckedAt, v.Verdict))?.Verdict;

    private bool IsNewerMedia(IReadOnlyList<string> media, DateTimeOffset at) =>
        Supersedes((at, string.Join(',', media)), MediaSince is { } since ? (since, string.Join(',', Media ?? [])) : null);

    private Entry WithMedia(IReadOnlyList<string> media, DateTimeOffset at)
    {
        var next = this with { Media = media, MediaSince = at };
        return next with { MediaVerdict = next.CurrentVerdict() };
    }

    // The newer fact of a kind wins; a tie in time is broken by the values, so that arrival order never decides.
    private static bool Supersedes<T>(T candidate, T? current) where T : struct =>
        current is not { } known || Comparer<T>.Default.Compare(candidate, known) > 0;

    private static IReadOnlyList<string> Addresses(IReadOnlyList<MediaReference> media) => media.Select(m => m.Sha256).ToList();
}
