using Campaign.Campaigns;
using Campaign.Judging.Entries;
using Campaign.Judging.Scoring;

namespace Campaign.Judging.Panels;

/// <summary>
/// What organizers watch while a panel scores: progress per judge and per entry, the judges'
/// score of each entry (the campaign's aggregate) and their disagreement (standard deviation), judges who score far from the others, and
/// entries left with too few judges. Only submitted scores count.
/// </summary>
public sealed record PanelReport(
    int SheetsSubmitted,
    int SheetsAssigned,
    IReadOnlyList<JudgeProgress> Judges,
    IReadOnlyList<EntryProgress> Entries)
{
    public static PanelReport Build(CampaignDefinition campaign, Category category, Panel panel, IReadOnlyList<JudgingEntry> entries)
    {
        var threshold = campaign.Scoring.DisagreementPoints;
        var open = entries.Where(e => !e.Excluded && e.Review == ReviewState.Approved).ToList();
        var scores = open.ToDictionary(e => e.Id, e => e.AssignedJudges
            .Where(j => e.SheetOf(j)?.Submitted == true).ToDictionary(j => j, j => e.SheetOf(j)!.Score));

        var rows = open.Select(e =>
        {
            var given = scores[e.Id].Values.ToList();
            var mean = given.Count > 0 ? ScoreAggregate.Compute(given, campaign.Scoring.JudgesAggregate) : (decimal?)null;
            var spread = given.Count > 1 ? StandardDeviation(given) : (decimal?)null;
            return new EntryProgress(e.Id, e.Title!, e.OrganizationId, e.AssignedJudges.Count, given.Count, mean, spread,
                spread > threshold, Assignments.Understaffed(category, e), e.Judged);
        }).ToList();

        var judges = panel.Judges.Select(j =>
        {
            var assigned = open.Where(e => e.AssignedJudges.Contains(j.Id)).ToList();
            // How far the judge scores from the other judges of the same entries, on average.
            var deviations = assigned.Where(e => scores[e.Id].ContainsKey(j.Id) && scores[e.Id].Count > 1)
                .Select(e => scores[e.Id][j.Id] - scores[e.Id].Where(s => s.Key != j.Id).Average(s => s.Value)).ToList();
            var deviation = deviations.Count > 0 ? Math.Round(deviations.Average(), 2) : (decimal?)null;
            return new JudgeProgress(j.Id, j.Name, assigned.Count, assigned.Count(e => e.SheetOf(j.Id) is not null),
                assigned.Count(e => e.SheetOf(j.Id)?.Submitted == true), deviation, Math.Abs(deviation ?? 0) > threshold);
        }).ToList();

        return new PanelReport(judges.Sum(j => j.Submitted), judges.Sum(j => j.Assigned), judges, rows);
    }

    public static decimal StandardDeviation(IReadOnlyCollection<decimal> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return Math.Round((decimal)Math.Sqrt((double)variance), 2);
    }
}

public sealed record JudgeProgress(string JudgeId, string? Name, int Assigned, int Scored, int Submitted, decimal? MeanDeviation, bool Outlier);

public sealed record EntryProgress(
    Guid EntryId, string Title, string? OrganizationId, int Judges, int Submitted, decimal? Mean, decimal? StandardDeviation,
    bool JudgesDisagree, bool Understaffed, bool Judged);
