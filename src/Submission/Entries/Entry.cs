using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;

namespace Campaign.Submission.Entries;

public enum EntryStatus { Submitted, MediaChecked, Approved, Rejected, Published, Judged, EngagementScored, Awarded, NotAwarded, Withdrawn, Disqualified }

/// <summary>C1: the submitter's explicit grant of rights, recorded before the entry itself.</summary>
public sealed record ConsentGiven(Guid EntryId, string TextVersion, string GivenBy, DateTimeOffset GivenAt);

/// <summary>The entry's share of a category's <see cref="AwardsAllocated"/>, kept in its own stream.</summary>
public sealed record AwardDecided(
    Guid EntryId, Guid AllocationId, int Rank, decimal FinalScore, string? TierId, string? TierName, DateTimeOffset DecidedAt);

/// <summary>An entry as its stream tells it; lifecycle events from other services move its status.</summary>
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
    string? RejectionReason = null)
{
    public static Entry Create(EntrySubmitted e) =>
        new(e.EntryId, e.CampaignId, e.CategoryId, e.Title, e.OrganizationId, e.Port, e.SubmittedBy, e.SubmittedAt, EntryStatus.Submitted);

    public bool IsClosed => Status is EntryStatus.Withdrawn or EntryStatus.Disqualified;

    public Entry Apply(MediaChecked e) => Move(EntryStatus.MediaChecked) with { MediaVerdict = e.Verdict };
    // P1: the submitter sees why the reviewer rejected the work.
    public Entry Apply(EntryReviewed e) =>
        Move(e.Approved ? EntryStatus.Approved : EntryStatus.Rejected) with { RejectionReason = e.Approved ? null : e.Reason };
    public Entry Apply(EntryPublished _) => Move(EntryStatus.Published);
    public Entry Apply(EntryJudged e) => Move(EntryStatus.Judged) with { JudgesScore = e.JudgesScore };
    public Entry Apply(EngagementScored e) => Move(EntryStatus.EngagementScored) with { EngagementScore = e.Score };
    public Entry Apply(AwardDecided e) =>
        Move(e.TierId is null ? EntryStatus.NotAwarded : EntryStatus.Awarded) with { FinalScore = e.FinalScore, Award = e.TierName };
    public Entry Apply(EntryMediaChanged _) => Move(EntryStatus.Submitted) with { MediaVerdict = null };
    public Entry Apply(EntryWithdrawn _) => this with { Status = EntryStatus.Withdrawn };
    public Entry Apply(EntryDisqualified _) => this with { Status = EntryStatus.Disqualified };

    // Late news about a withdrawn or disqualified entry is kept in its history but does not revive it.
    private Entry Move(EntryStatus next) => IsClosed ? this : this with { Status = next };
}
