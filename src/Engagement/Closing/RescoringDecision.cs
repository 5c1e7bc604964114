using Campaign.Campaigns;
using Campaign.Contracts.Engagement;

namespace Campaign.Engagement.Closing;

public static class RescoringDecision
{
    /// <summary>
    /// C1, E1: a scored entry withdrawn or disqualified after engagement of its category closed leaves the
    /// category's scaling too. The entries still in are scaled again from the weighted sums W their scores recorded,
    /// by the formula the closing recorded — no snapshot is read again, so what the closing counted is what counts —
    /// and those whose score changes are scored again; the closing of the next revision names who left and who was
    /// rescored. The scores depend only on who is still in, so exclusions arriving in any order end in the same scores.
    /// Null when the entry is not scored by <paramref name="latest"/> (it never was, or it left before).
    /// </summary>
    public static (IReadOnlyList<EngagementScored> Rescored, EngagementClosed Revised)? Decide(
        EngagementClosed latest, IEnumerable<EngagementScored> scores, Guid leaving, DateTimeOffset now)
    {
        if (!latest.ScoredEntries.Contains(leaving)) return null;
        var formula = EngagementFormulaCalculator.AsRecorded(latest);
        var current = scores.GroupBy(s => s.EntryId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Revision)!);
        var staying = latest.ScoredEntries.Where(id => id != leaving).ToList();
        // Every entry of a closing has its score, committed with the closing: one missing is a broken record, never a wait.
        var scaled = EngagementFormulaCalculator.Scale(formula, staying.ToDictionary(id => id, id => WeightedOf(formula,
            current.GetValueOrDefault(id) ?? throw new InvalidOperationException($"entry {id} of the closing of {latest.CategoryId} has no score"))));
        var revision = latest.Revision + 1;
        var rescored = staying.Where(id => scaled[id] != current[id].Score)
            .Select(id => current[id] with { Score = scaled[id], ScoredAt = now, Revision = revision }).ToList();
        return (rescored, latest with
        {
            ScoredEntries = staying, Revision = revision, Left = [leaving], Rescored = [.. rescored.Select(s => s.EntryId)], RevisedAt = now,
        });
    }

    /// <summary>W as the score recorded it; for a score recorded before W was, recomputed from its snapshots (or figures) and the recorded formula.</summary>
    private static decimal WeightedOf(EngagementFormula formula, EngagementScored score) =>
        score.Weighted ?? (score.Used is { } used ? EngagementFormulaCalculator.Weighted(formula, used) : EngagementFormulaCalculator.Weighted(formula, score.Figures));
}
