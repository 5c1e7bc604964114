using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;

namespace Campaign.Submission.Entries;

/// <summary>
/// Where an entry stands. <see cref="Held"/>: submitted on the individual port and waiting for its
/// group's members or its organization's administrator to confirm (O3, Q2, Q3); <see cref="Declined"/>:
/// the organization did not recognize the submitter as one of its people.
/// </summary>
public enum EntryStatus { Submitted, MediaChecked, Approved, Rejected, Published, Judged, EngagementScored, Awarded, NotAwarded, Withdrawn, Disqualified, Held, Declined }

/// <summary>C1: the submitter's explicit grant of rights, recorded before the entry itself.</summary>
public sealed record ConsentGiven(Guid EntryId, string TextVersion, string GivenBy, DateTimeOffset GivenAt);

/// <summary>The entry's share of a category's <see cref="AwardsAllocated"/>, kept in its own stream.</summary>
public sealed record AwardDecided(
    Guid EntryId, Guid AllocationId, int Rank, decimal FinalScore, string? TierId, string? TierName, DateTimeOffset DecidedAt);

/// <summary>
/// O3: an entry of the individual port that waits before it enters the campaign — for the other
/// members of its group to confirm they are in it, and, unless the submitter's token verifies the
/// affiliation, for the organization's administrator to confirm it. It takes no quota place while it
/// waits; <see cref="Draft"/> is what is submitted once nothing is awaited.
/// </summary>
public sealed record EntryHeld(Guid EntryId, EntrySubmitted Draft, IReadOnlyList<string> Members, IReadOnlyList<string> AwaitingMembers,
    bool AwaitingAffiliation, DateTimeOffset HeldAt);

/// <summary>A member named in a group entry confirmed, with their own account, that they are in it (Q2: their place is taken now).</summary>
public sealed record MemberConfirmed(Guid EntryId, string MemberId, DateTimeOffset ConfirmedAt);

/// <summary>O3, Q3: the organization's administrator recognized the submitter as one of its people; the entry takes a quota place.</summary>
public sealed record AffiliationConfirmed(Guid EntryId, string OrganizationId, string ConfirmedBy, DateTimeOffset ConfirmedAt);

/// <summary>O3: the organization's administrator did not recognize the submitter; the entry ends and frees its places.</summary>
public sealed record AffiliationDeclined(Guid EntryId, string OrganizationId, string DeclinedBy, string Reason, DateTimeOffset DeclinedAt);

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
    string? RejectionReason = null,
    IReadOnlyList<string>? Members = null,
    IReadOnlyList<string>? AwaitingMembers = null,
    bool AwaitingAffiliation = false,
    EntrySubmitted? Draft = null)
{
    public static Entry Create(EntrySubmitted e) =>
        new(e.EntryId, e.CampaignId, e.CategoryId, e.Title, e.OrganizationId, e.Port, e.SubmittedBy, e.SubmittedAt, EntryStatus.Submitted);

    public static Entry Create(EntryHeld e) =>
        Create(e.Draft) with
        {
            Status = EntryStatus.Held, Members = e.Members, AwaitingMembers = e.AwaitingMembers, AwaitingAffiliation = e.AwaitingAffiliation, Draft = e.Draft,
        };

    public bool IsClosed => Status is EntryStatus.Withdrawn or EntryStatus.Disqualified or EntryStatus.Declined;

    /// <summary>Nobody is awaited any more: the held entry enters the campaign.</summary>
    public bool IsConfirmed => AwaitingMembers is not { Count: > 0 } && !AwaitingAffiliation;

    public Entry Apply(MemberConfirmed e) => this with { AwaitingMembers = (AwaitingMembers ?? []).Where(m => m != e.MemberId).ToList() };
    public Entry Apply(AffiliationConfirmed _) => this with { AwaitingAffiliation = false };
    public Entry Apply(AffiliationDeclined _) => this with { Status = EntryStatus.Declined, AwaitingAffiliation = false, Draft = null };
    public Entry Apply(EntrySubmitted _) => Status == EntryStatus.Held ? this with { Status = EntryStatus.Submitted, Draft = null } : this;

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
