namespace Campaign.Contracts.Engagement;

/// <summary>
/// E1: engagement of a category is closed; every entry of <see cref="ScoredEntries"/> has its
/// <see cref="EngagementScored"/>. The formula as it was applied travels with it — each figure's
/// weight, the per-platform multipliers, the scaling and the cutoff — so the scores can be
/// recomputed from the log even after the campaign's configuration changed.
/// </summary>
public sealed record EngagementClosed(
    string CampaignId,
    string CategoryId,
    IReadOnlyList<Guid> ScoredEntries,
    string ClosedBy,
    DateTimeOffset ClosedAt,
    string? FormulaVersion = null,
    IReadOnlyDictionary<string, decimal>? Weights = null,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? PlatformWeights = null,
    string? Scaling = null,
    DateTimeOffset? Cutoff = null);
