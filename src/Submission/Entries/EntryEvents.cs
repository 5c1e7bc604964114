using Campaign.Contracts.Awards;
using Campaign.Contracts.Submission;

namespace Campaign.Submission.Entries;

// The facts of an entry's own stream that never leave this service; what other services hear is in Contracts/Submission.

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
