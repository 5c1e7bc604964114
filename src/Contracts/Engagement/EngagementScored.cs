namespace Campaign.Contracts.Engagement;

/// <summary>E1: an entry's online figures turned into a 0–100 score by a named formula version.</summary>
public sealed record EngagementScored(
    Guid EntryId,
    string CampaignId,
    string CategoryId,
    IReadOnlyDictionary<string, long> Figures,
    decimal Score,
    string FormulaVersion,
    DateTimeOffset ScoredAt);
