namespace Campaign.Contracts.Judging;

/// <summary>No more scores in this category; lists every entry that was judged.</summary>
public sealed record JudgingClosed(
    string CampaignId, string CategoryId, IReadOnlyList<Guid> JudgedEntries, string ClosedBy, DateTimeOffset ClosedAt);
