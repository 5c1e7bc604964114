using Campaign.Campaigns;
using Campaign.Engagement.Entries;
using Campaign.ServiceDefaults.EventStore;
using Marten;

namespace Campaign.Engagement.Snapshots;

/// <summary>E1's write path for an exclusion, the same for the API and the organizers' pages: the
/// category's current flags, the decision on the entry's stream, version-checked.</summary>
public static class ExcludeFiguresHandler
{
    /// <summary>False when there is no such work; a refused exclusion throws.</summary>
    public static Task<bool> HandleAsync(IDocumentSession session, CampaignCatalog campaigns, Guid entryId, ExcludeFiguresRequest request,
        string userId, DateTimeOffset now, CancellationToken ct) =>
        EntryStreams.UpdateAsync(session, entryId, async entry =>
        {
            if (entry is null || campaigns.Find(entry.CampaignId) is not { } campaign) return null;
            var (flags, closed) = await FiguresQuery.FlagsAsync(session, campaign, entry.CategoryId, now, ct);
            return ExcludeFiguresDecision.Decide(entry, flags, closed, request, userId, now) is { } excluded ? [excluded] : [];
        }, ct);
}
