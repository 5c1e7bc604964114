using System.Text.Json.Serialization;

namespace Campaign.Contracts.Engagement;

/// <summary>
/// E1: engagement of a category is closed; every entry of <see cref="ScoredEntries"/> has its
/// <see cref="EngagementScored"/>. The formula as it was applied travels with it — each figure's
/// weight, the per-platform multipliers, the scaling and the cutoff — so the scores can be
/// recomputed from the log even after the campaign's configuration changed.
/// C1: a scored entry that leaves the campaign afterwards leaves the category's scaling too. The
/// category is then scaled again among the entries still in, and a closing of the next
/// <see cref="Revision"/> supersedes the one before: <see cref="Left"/> names who left,
/// <see cref="Rescored"/> the entries whose score changed, each with an <see cref="EngagementScored"/>
/// of this revision (the others keep the score they had). The closing in force is the one of the
/// highest revision. The revision's fields are left out of the JSON while they are unset, so that a
/// first closing reads, and is sealed (Awards), as it did before they existed.
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
    DateTimeOffset? Cutoff = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Revision = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] IReadOnlyList<Guid>? Left = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] IReadOnlyList<Guid>? Rescored = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] DateTimeOffset? RevisedAt = null);
