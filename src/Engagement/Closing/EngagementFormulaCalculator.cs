using Campaign.Campaigns;

namespace Campaign.Engagement.Closing;

/// <summary>
/// E1, documented in docs/campaigns.md: weighted sum W of an entry's figures; the category's top
/// entry scores 100, the others 100·W/Wmax ("linear") or 100·ln(1+W)/ln(1+Wmax) ("log").
/// </summary>
public static class EngagementFormulaCalculator
{
    public static decimal Weighted(EngagementFormula formula, IReadOnlyDictionary<string, long> figures) =>
        figures.Sum(f => formula.Weights.GetValueOrDefault(f.Key) * f.Value);

    public static IReadOnlyDictionary<Guid, decimal> Scores(EngagementFormula formula, IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, long>> figures)
    {
        var weighted = figures.ToDictionary(f => f.Key, f => Weighted(formula, f.Value));
        var top = weighted.Values.DefaultIfEmpty(0).Max();
        return weighted.ToDictionary(w => w.Key, w => top <= 0 ? 0m : Math.Round(formula.Scaling == "log"
            ? 100m * (decimal)(Math.Log(1 + (double)w.Value) / Math.Log(1 + (double)top))
            : 100m * w.Value / top, 2, MidpointRounding.AwayFromZero));
    }
}
