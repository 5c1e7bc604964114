namespace Campaign.Contracts.Engagement;

public sealed record EngagementClosed(
    string CampaignId, string CategoryId, IReadOnlyList<Guid> ScoredEntries, string ClosedBy, DateTimeOffset ClosedAt);
