using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using JasperFx;
using Marten;

namespace Campaign.Judging.Panels;

/// <summary>
/// How judging's commands write around a category's panel, a version-checked document (optimistic concurrency).
/// J2: closing and judging an entry serialize on it — both store the panel as they read it — so of the two, the second
/// to commit conflicts, and is decided again on what the first committed: no judged entry is left out of
/// <see cref="JudgingClosed"/>, none is judged into a closed category.
/// </summary>
public static class PanelWrites
{
    private const int Attempts = 5;

    /// <summary>J1: a change of the panel's judges, decided on the panel as read; the category's entries are planned
    /// again. A first panel is inserted, a later one stored against the version read: of two concurrent changes, the
    /// second fails rather than overwriting the first.</summary>
    public static async Task<Panel> ChangePanelAsync(this IDocumentSession session, CampaignCatalog campaigns, string campaignId, string categoryId,
        Func<Category, Panel?, Panel> decide, DateTimeOffset now, CancellationToken ct)
    {
        var category = campaigns.Category(campaignId, categoryId);
        var current = await session.PanelAsync(campaignId, categoryId, ct);
        var panel = decide(category, current);
        if (current is null) session.Insert(panel);
        else session.Store(panel);
        session.AppendDecided(await session.ReplanAsync(campaigns.Campaign(campaignId), panel, now, ct));
        await session.SaveChangesAsync(ct);
        return panel;
    }

    /// <summary>J1: who judges the open entries of the panel's category — <paramref name="changed"/> as the command
    /// leaves it — and the entries judged now that their scores are complete.</summary>
    public static async Task<IReadOnlyList<Decided>> ReplanAsync(this IQuerySession session, CampaignDefinition campaign, Panel panel,
        DateTimeOffset now, CancellationToken ct, JudgingEntry? changed = null)
    {
        var entries = await session.EntriesInCategoryAsync(panel.CampaignId, panel.CategoryId, ct);
        return Assignments.Replan(campaign, panel, [.. entries.Select(e => e.Id == changed?.Id ? changed : e)], now);
    }

    /// <summary>Appends what a command that leaves the panel unchanged decided on entries. J2: an entry is judged only
    /// under its panel as read, open; storing that panel again checks it is still the version read, so a closing
    /// committed since conflicts.</summary>
    public static void AppendJudging(this IDocumentSession session, Panel? asRead, IReadOnlyList<Decided> decided)
    {
        var judgedIn = decided.SelectMany(d => d.Events).OfType<EntryJudged>().Select(j => Panel.IdFor(j.CampaignId, j.CategoryId)).Distinct().ToList();
        if (judgedIn.Count > 0)
        {
            if (asRead is not { Closed: false } || judgedIn.Any(id => id != asRead.Id))
                throw new InvalidOperationException($"An entry is judged without its open panel read first: {string.Join(", ", judgedIn)}");
            session.Store(asRead);
        }
        session.AppendDecided(decided);
    }

    /// <summary>J2: a decision that lost the race (a version conflict) is made again on what the winner committed.</summary>
    public static async Task<T> RetryingAsync<T>(this IDocumentSession session, Func<Task<T>> decide, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await decide();
            }
            catch (ConcurrencyException) when (attempt < Attempts && !ct.IsCancellationRequested)
            {
                session.EjectAllPendingChanges();
            }
        }
    }
}
