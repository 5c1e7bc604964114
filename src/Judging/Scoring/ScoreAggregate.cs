namespace Campaign.Judging.Scoring;

/// <summary>J2: the judges' score of an entry — the plain mean, or a trimmed mean if the campaign says so.</summary>
public static class ScoreAggregate
{
    public static decimal Compute(IReadOnlyCollection<decimal> scores, string method)
    {
        if (scores.Count == 0) throw new ArgumentException("no scores to aggregate", nameof(scores));
        var counted = method == "trimmed-mean" && scores.Count >= 3
            ? scores.Order().Skip(1).SkipLast(1).ToList()
            : scores.ToList();
        return Math.Round(counted.Average(), 2, MidpointRounding.AwayFromZero);
    }
}
