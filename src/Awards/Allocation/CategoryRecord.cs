using Campaign.ServiceDefaults.EventStore;
using Marten;

namespace Campaign.Awards.Allocation;

/// <summary>Where a category's facts are read from: its own stream (what the seal covers) and its entries' listings.</summary>
public static class CategoryRecord
{
    /// <summary>The category's stream: every score, engagement score, closing, exclusion, allocation, seal and certificate, in order.</summary>
    public static async Task<IReadOnlyList<object>> EventsAsync(IQuerySession session, string campaignId, string categoryId, CancellationToken ct) =>
        [.. (await session.Events.FetchStreamAsync(StreamIds.ForCategory(campaignId, categoryId), token: ct)).Select(e => e.Data)];

    /// <summary>The category's entries as listed, each from its own stream.</summary>
    public static async Task<IReadOnlyList<EntryListed>> ListedAsync(IQuerySession session, string campaignId, string categoryId, CancellationToken ct) =>
        [.. await session.Events.QueryRawEventDataOnly<EntryListed>().Where(e => e.CampaignId == campaignId && e.CategoryId == categoryId).ToListAsync(ct)];

    /// <summary>The category's stream folded, without its entries' listings: enough for what the allocation alone decides (J3, A1, A2).</summary>
    public static async Task<CategoryResults> FoldAsync(IQuerySession session, string campaignId, string categoryId, CancellationToken ct) =>
        CategoryResults.From(await EventsAsync(session, campaignId, categoryId, ct));

    /// <summary>The category's results with its works named: its listings, then its stream.</summary>
    public static async Task<CategoryResults> LoadAsync(IQuerySession session, string campaignId, string categoryId, CancellationToken ct) =>
        CategoryResults.From([.. await ListedAsync(session, campaignId, categoryId, ct), .. await EventsAsync(session, campaignId, categoryId, ct)]);
}
