using System.Text.Json.Serialization;

namespace Campaign.Contracts.Engagement;

/// <summary>
/// E1: an entry's online figures turned into a 0–100 score by a named formula version.
/// <see cref="Figures"/> sums the counted figures over platforms; <see cref="Used"/> lists every raw
/// snapshot that counted, per platform, and <see cref="Weighted"/> their weighted sum, so that the
/// score can be recomputed from the event log with the weights <see cref="EngagementClosed"/> records.
/// C1: <see cref="Revision"/> is that of the closing the score belongs to (0: the first); when another
/// entry left the category's scaling, the entry is scored again with the same figures, and the score
/// of the highest revision is the one in force (left out of the JSON while 0, as for the closing).
/// </summary>
public sealed record EngagementScored(
    Guid EntryId,
    string CampaignId,
    string CategoryId,
    IReadOnlyDictionary<string, long> Figures,
    decimal Score,
    string FormulaVersion,
    DateTimeOffset ScoredAt,
    IReadOnlyList<CountedFigures>? Used = null,
    decimal? Weighted = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Revision = 0);

/// <summary>One platform's snapshot that counted: the figures the platform reported for that moment.</summary>
public sealed record CountedFigures(string PlatformId, DateTimeOffset TakenAt, IReadOnlyDictionary<string, long> Figures);
