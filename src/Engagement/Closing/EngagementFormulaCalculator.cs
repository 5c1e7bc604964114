using Campaign.Campaigns;
using Campaign.Contracts.Engagement;

namespace Campaign.Engagement.Closing;

/// <summary>
/// E1, documented in docs/campaigns.md: the weighted sum W of an entry's counted figures, each
/// figure weighted by its weight times its platform's multiplier; the category's top entry scores
/// 100, the others 100·W/Wmax ("linear") or 100·ln(1+W)/ln(1+Wmax) ("log").
/// </summary>
public static class EngagementFormulaCalculator
{
    public static decimal Weighted(EngagementFormula formula, IEnumerable<CountedFigures> used) =>
        used.Sum(u => u.Figures.Sum(f => formula.WeightOf(u.PlatformId, f.Key) * f.Value));

    /// <summary>W of figures whose platform does not matter (no multipliers).</summary>
    public static decimal Weighted(EngagementFormula formula, IReadOnlyDictionary<string, long> figures) =>
        figures.Sum(f => formula.Weights.GetValueOrDefault(f.Key) * f.Value);

    public static IReadOnlyDictionary<Guid, decimal> Scores(EngagementFormula formula, IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, long>> figures) =>
        Scale(formula, figures.ToDictionary(f => f.Key, f => Weighted(formula, f.Value)));

    public static IReadOnlyDictionary<Guid, decimal> Scale(EngagementFormula formula, IReadOnlyDictionary<Guid, decimal> weighted)
    {
        var top = weighted.Values.DefaultIfEmpty(0).Max();
        return weighted.ToDictionary(w => w.Key, w => top <= 0 ? 0m : Math.Round(formula.Scaling == "log"
            ? 100m * (decimal)(Math.Log(1 + (double)w.Value) / Math.Log(1 + (double)top))
            : 100m * w.Value / top, 2, MidpointRounding.AwayFromZero));
    }

    /// <summary>The formula as a closing recorded it, to recompute its scores from the log alone.</summary>
    public static EngagementFormula AsRecorded(EngagementClosed closed) => new()
    {
        Version = closed.FormulaVersion ?? "",
        Weights = closed.Weights ?? new Dictionary<string, decimal>(),
        PlatformWeights = closed.PlatformWeights ?? new Dictionary<string, IReadOnlyDictionary<string, decimal>>(),
        Scaling = closed.Scaling ?? "log",
    };
}
