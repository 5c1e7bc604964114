namespace Campaign.Contracts.Judging;

/// <summary>P1: the review (审核) before publication.</summary>
public sealed record EntryReviewed(
    Guid EntryId, string CampaignId, string CategoryId, bool Approved, string? Reason, string ReviewedBy, DateTimeOffset ReviewedAt);
