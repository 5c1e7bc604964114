using System.Security.Cryptography;
using System.Text;
using Campaign.Campaigns;
using Campaign.Judging.Entries;
using Campaign.Judging.Scoring;

namespace Campaign.Judging.Panels;

/// <summary>
/// J1: who scores which entry. Every judge of the panel, less those in conflict with the entry —
/// declared by the judge, or automatic when the judge belongs to the entry's organization — or,
/// when the category sets <see cref="PanelRules.JudgesPerEntry"/>, a subset balanced by load.
/// </summary>
public static class Assignments
{
    public static IEnumerable<Judge> Eligible(Panel panel, JudgingEntry entry) => panel.Judges.Where(j =>
        (j.OrganizationId is null || j.OrganizationId != entry.OrganizationId) && entry.Conflicts?.Contains(j.Id) != true);

    /// <summary>Too few judges left to score the entry: shown to organizers, who add judges or accept it.</summary>
    public static bool Understaffed(Category category, JudgingEntry entry) =>
        entry.AssignedJudges.Count < (category.Panel.JudgesPerEntry ?? category.Panel.MinJudges);

    /// <summary>The judges of every open entry of the category, for the entries whose judges change.
    /// A subset keeps the judges it had (their scores stand) and is topped up with the least-loaded
    /// eligible judges; ties fall to a hash of entry and judge, so the plan is the same on every run.</summary>
    public static IReadOnlyList<JudgesAssigned> Plan(Category category, Panel panel, IReadOnlyList<JudgingEntry> entries, DateTimeOffset now)
    {
        var load = panel.Judges.ToDictionary(j => j.Id, j => entries.Count(e => e.AssignedJudges.Contains(j.Id)));
        var plan = new List<JudgesAssigned>();
        foreach (var entry in entries.Where(e => e.IsSubmitted && e.OpenForScoring).OrderBy(e => e.Id))
        {
            var eligible = Eligible(panel, entry).Select(j => j.Id).ToList();
            var judges = eligible;
            if (category.Panel.JudgesPerEntry is { } perEntry)
            {
                judges = entry.AssignedJudges.Where(eligible.Contains).ToList();
                judges.AddRange(eligible.Except(judges)
                    .OrderBy(j => load[j]).ThenBy(j => TieBreak(entry.Id, j))
                    .Take(perEntry - judges.Count));
            }
            if (judges.SequenceEqual(entry.AssignedJudges)) continue;
            foreach (var j in entry.AssignedJudges.Where(load.ContainsKey)) load[j]--;
            foreach (var j in judges) load[j]++;
            plan.Add(new JudgesAssigned(entry.Id, judges, now));
        }
        return plan;
    }

    /// <summary>The plan's new judges of each entry, and the entry judged where they complete its scores (J2): the
    /// judge who left or stepped aside was the last one missing.</summary>
    public static IReadOnlyList<Decided> Replan(CampaignDefinition campaign, Panel panel, IReadOnlyList<JudgingEntry> entries, DateTimeOffset now) =>
        Plan(campaign.FindCategory(panel.CategoryId)!, panel, entries, now).Select(assigned =>
        {
            var entry = entries.Single(e => e.Id == assigned.EntryId);
            return ScoreDecisions.Complete(campaign, entry.Apply(assigned), now) is { } judged ? new Decided(entry, assigned, judged) : new Decided(entry, assigned);
        }).ToList();

    private static uint TieBreak(Guid entryId, string judgeId) =>
        BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{entryId:N}/{judgeId}")));
}
