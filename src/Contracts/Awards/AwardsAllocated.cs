namespace Campaign.Contracts.Awards;

/// <summary>
/// J3, A1, A2: the ranked results of a category with every figure that produced them, so the
/// allocation can be recomputed from this event alone. C1: an entry excluded after an allocation
/// makes a new one that <see cref="Supersedes"/> it, naming who left (<see cref="Excluded"/>) and,
/// per result, who moved up; the superseded allocation stays in the record.
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
    DateTimeOffset AllocatedAt,
    Guid? Supersedes = null,
    IReadOnlyList<Guid>? Excluded = null,
    CapReport? Cap = null);

/// <summary>
/// A2, explained: of the <see cref="Places"/> places the category offers its eligible works (A1:
/// its tiers, at most its share of the works), <see cref="Winners"/> were awarded; host-region
/// works could take at most <see cref="MaxHostWinners"/>. <see cref="Displaced"/>: host-region works
/// that would have won without the cap, best first; <see cref="TookTheirPlaces"/>: the works that won
/// instead, best first. Fewer winners than places means too few works from elsewhere (or above a
/// tier's minimum) to fill them.
/// </summary>
public sealed record CapReport(int Places, int Winners, int MaxHostWinners, int HostWinners, IReadOnlyList<Guid> Displaced, IReadOnlyList<Guid> TookTheirPlaces);

/// <summary>
/// One ranked entry; <see cref="TierId"/> is null when it won nothing. <see cref="MovedUp"/>: it
/// ranks higher than in the allocation this one supersedes. <see cref="TierKind"/> (A1): "individual"
/// (the work's author or group) or "collective" (its organization).
/// </summary>
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
    string? Note,
    bool MovedUp = false,
    string? TierKind = null);
