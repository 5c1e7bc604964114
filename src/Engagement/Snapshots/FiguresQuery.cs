using Campaign.Campaigns;
using Campaign.Engagement.Closing;
using Campaign.Engagement.Entries;
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
        if (await session.LoadAsync<EngagementEntry>(entryId, ct) is not { } entry || campaigns.Find(entry.CampaignId) is not { } campaign)
            throw Refusal.NotFound("没有此作品", "No such work");
        var (flags, closed) = await ExcludeFiguresEndpoint.FlagsAsync(session, campaign, entry.CategoryId, now, ct);
        return (Of(entry, CutoffOf(campaign, entry.CategoryId, now), flags), closed);
    }

    /// <summary>The published works of a category still in the campaign, each with its figures and flags.</summary>
    public static async Task<CategoryFigures> CategoryAsync(IQuerySession session, CampaignDefinition campaign, string categoryId,
        DateTimeOffset now, CancellationToken ct)
    {
        var (flags, closed) = await ExcludeFiguresEndpoint.FlagsAsync(session, campaign, categoryId, now, ct);
        var cutoff = CutoffOf(campaign, categoryId, now);
        var entries = await session.Query<EngagementEntry>()
            .Where(e => e.CampaignId == campaign.Id && e.CategoryId == categoryId && !e.Excluded).ToListAsync(ct);
        return new(cutoff, closed, entries.Where(e => e.Published).OrderBy(e => e.Id).Select(e => Of(e, cutoff, flags)).ToList());
    }

    private static DateTimeOffset CutoffOf(CampaignDefinition campaign, string categoryId, DateTimeOffset now) =>
        ClosingDecision.CutoffOf(campaign, campaign.FindCategory(categoryId)) ?? now;

    private static EntryFigures Of(EngagementEntry entry, DateTimeOffset cutoff, IReadOnlyList<FiguresFlag> flags) =>
        new(entry.Id, entry.CampaignId, entry.CategoryId, cutoff, Counting.Of(entry, cutoff),
            flags.Where(f => f.EntryId == entry.Id).ToList(), entry.Exclusions ?? [], entry.Score);
}
