namespace Campaign.Contracts.Awards;

/// <summary>
/// J3, A1, A2: the ranked results of a category with every figure that produced them, so the
/// allocation can be recomputed from this event alone.
/// </summary>
public sealed record AwardsAllocated(
    Guid AllocationId,
    string CampaignId,
    string CategoryId,
    decimal JudgesWeight,
    decimal EngagementWeight,
    string? HostRegion,
    decimal HostRegionCap,
    IReadOnlyList<AwardResult> Results,
    DateTimeOffset AllocatedAt);

/// <summary>One ranked entry; <see cref="TierId"/> is null when it won nothing.</summary>
public sealed record AwardResult(
    Guid EntryId,
    string OrganizationId,
    string? Region,
    decimal JudgesScore,
    decimal EngagementScore,
    decimal FinalScore,
    int Rank,
    string? TierId,
    string? TierName,
    string? Note);
