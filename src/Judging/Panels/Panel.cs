using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;

namespace Campaign.Judging.Panels;

/// <summary>A judge on a panel; <see cref="OrganizationId"/> is the judge's own affiliation, which
/// excludes them from that organization's entries (conflict of interest).</summary>
public sealed record Judge(string Id, string? Name = null, string? OrganizationId = null);

/// <summary>J1: the judges of one category.</summary>
public sealed record Panel(string Id, string CampaignId, string CategoryId, IReadOnlyList<Judge> Judges, bool Closed = false)
{
    public static string IdFor(string campaignId, string categoryId) => $"{campaignId}/{categoryId}";

    public bool Seats(string judgeId) => Judges.Any(j => j.Id == judgeId);
}

public static class PanelDecisions
{
    /// <summary>J1: the organizer names the whole panel at once: between the category's minimum and maximum.</summary>
    public static Panel Set(Category category, Panel? current, string campaignId, IReadOnlyList<Judge> judges)
    {
        EnsureOpen(category, current);
        var distinct = InvalidInputException.NoNulls(judges, "judges")
            .Select((j, i) => new Judge(UserText.Clean($"judges[{i}].id", j.Id, UserText.Name) ?? "", UserText.Clean($"judges[{i}].name", j.Name, UserText.Name), j.OrganizationId))
            .Where(j => j.Id.Length > 0).DistinctBy(j => j.Id).ToList();
        if (distinct.Count < category.Panel.MinJudges || distinct.Count > category.Panel.MaxJudges)
            throw new RuleViolationException("J1",
                $"{category.Name}的评委会由{category.Panel.MinJudges}–{category.Panel.MaxJudges}位评委组成，现提名{distinct.Count}位。",
                $"A panel of {category.Name} has {category.Panel.MinJudges}–{category.Panel.MaxJudges} judges; {distinct.Count} were named.");
        return new Panel(Panel.IdFor(campaignId, category.Id), campaignId, category.Id, distinct);
    }

    /// <summary>J1: an invited judge joins the panel, up to its maximum.</summary>
    public static Panel Join(Category category, Panel? current, string campaignId, Judge judge)
    {
        EnsureOpen(category, current);
        var panel = current ?? new Panel(Panel.IdFor(campaignId, category.Id), campaignId, category.Id, []);
        if (panel.Seats(judge.Id)) return panel;
        if (panel.Judges.Count >= category.Panel.MaxJudges)
            throw new RuleViolationException("J1", $"{category.Name}的评委会已满（{category.Panel.MaxJudges}位）。",
                $"The panel of {category.Name} is full ({category.Panel.MaxJudges} judges).", 409);
        return panel with { Judges = [.. panel.Judges, judge] };
    }

    /// <summary>J1: a judge leaves the panel (withdrew, or was seated by mistake); their works go to
    /// the others, and the organizers see which works are left with too few judges.</summary>
    public static Panel Leave(Category category, Panel? current, string judgeId)
    {
        EnsureOpen(category, current);
        if (current is null || !current.Seats(judgeId))
            throw new RuleViolationException("J1", "该评委不在评委会中。", "The judge does not sit on this panel.", 404);
        return current with { Judges = current.Judges.Where(j => j.Id != judgeId).ToList() };
    }

    public static JudgingClosed Close(Category category, Panel panel, IEnumerable<JudgingEntry> judged, string userId, DateTimeOffset now)
    {
        if (panel.Closed) throw new RuleViolationException("J2", "该类别的评审已结束。", "Judging of this category is already closed.", 409);
        if (panel.Judges.Count < category.Panel.MinJudges)
            throw new RuleViolationException("J1", $"评委会只有{panel.Judges.Count}位评委，至少需要{category.Panel.MinJudges}位。",
                $"The panel has {panel.Judges.Count} judges; at least {category.Panel.MinJudges} are needed.", 409);
        return new JudgingClosed(panel.CampaignId, panel.CategoryId, judged.Select(e => e.Id).Order().ToList(), userId, now);
    }

    private static void EnsureOpen(Category category, Panel? current)
    {
        if (current?.Closed == true)
            throw new RuleViolationException("J1", $"{category.Name}的评审已结束，评委会不能再变更。",
                $"Judging of {category.Name} is closed; its panel can no longer change.", 409);
    }
}
