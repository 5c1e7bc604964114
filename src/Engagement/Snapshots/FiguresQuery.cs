using Campaign.Campaigns;
using Campaign.Engagement.Closing;
using Campaign.Engagement.Entries;
using Campaign.ServiceDefaults.EventStore;
using Marten;

namespace Campaign.Engagement.Snapshots;

/// <summary>A category's works as organizers examine them, its cutoff, and whether its engagement is closed.</summary>
public sealed record CategoryFigures(DateTimeOffset Cutoff, bool Closed, IReadOnlyList<EntryFigures> Entries);

/// <summary>E1: what organizers see of the figures, the same for the API and the organizers' pages.</summary>
public static class FiguresQuery
{
    /// <summary>One work's figures, and whether engagement of its category is closed.</summary>
    public static async Task<(EntryFigures Figures, bool Closed)> EntryAsync(IQuerySession session, CampaignCatalog campaigns, Guid entryId,
        DateTimeOffset now, CancellationToken ct)
    {
        if (await session.LoadAsync<EngagementEntry>(entryId, ct) is not { } stored || campaigns.Find(stored.CampaignId) is not { } campaign)
            throw Refusal.NotFound("没有此作品", "No such work");
        var entry = await SnapshotTable.WithSnapshotsAsync(session, stored, ct);
        var category = await ReadAsync(session, campaign, entry.CategoryId, now, ct);
        return (Of(entry, category.Cutoff, category.Flags), category.Closed);
    }

    /// <summary>The published works of a category still in the campaign, each with its figures and flags.</summary>
    public static async Task<CategoryFigures> CategoryAsync(IQuerySession session, CampaignDefinition campaign, string categoryId,
        DateTimeOffset now, CancellationToken ct)
    {
        var category = await ReadAsync(session, campaign, categoryId, now, ct);
        return new(category.Cutoff, category.Closed, category.Entries.OrderBy(e => e.Id).Select(e => Of(e, category.Cutoff, category.Flags)).ToList());
    }

    /// <summary>The category's current flags (cutoff: the configured one, else now) and whether engagement is closed.</summary>
    public static async Task<(IReadOnlyList<FiguresFlag> Flags, bool Closed)> FlagsAsync(IQuerySession session, CampaignDefinition campaign,
        string categoryId, DateTimeOffset now, CancellationToken ct)
    {
        var category = await ReadAsync(session, campaign, categoryId, now, ct);
        return (category.Flags, category.Closed);
    }

    /// <summary>One read of a category: its published works still in the campaign, its cutoff, their flags, whether engagement is closed.</summary>
    private static async Task<(IReadOnlyList<EngagementEntry> Entries, DateTimeOffset Cutoff, IReadOnlyList<FiguresFlag> Flags, bool Closed)> ReadAsync(
        IQuerySession session, CampaignDefinition campaign, string categoryId, DateTimeOffset now, CancellationToken ct)
    {
        var entries = await SnapshotTable.WithSnapshotsAsync(session, (await session.Query<EngagementEntry>()
            .Where(e => e.CampaignId == campaign.Id && e.CategoryId == categoryId && !e.Excluded).ToListAsync(ct)).Where(e => e.Published).ToList(), ct);
        var cutoff = ClosingDecision.CutoffOf(campaign, campaign.FindCategory(categoryId)) ?? now;
        var closed = await session.Events.FetchStreamStateAsync(StreamIds.ForCategory(campaign.Id, categoryId), ct) is not null;
        return (entries, cutoff, Signals.Detect(campaign, entries, cutoff), closed);
    }

    private static EntryFigures Of(EngagementEntry entry, DateTimeOffset cutoff, IReadOnlyList<FiguresFlag> flags) =>
        new(entry.Id, entry.CampaignId, entry.CategoryId, cutoff, Counting.Of(entry, cutoff),
            flags.Where(f => f.EntryId == entry.Id).ToList(), entry.Exclusions ?? [], entry.Score);
}
