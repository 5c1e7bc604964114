using Campaign.Campaigns;
using Marten;

namespace Campaign.Judging.Entries;

/// <summary>The entries judging reads: one by its id, or a category's.</summary>
public static class EntryQueries
{
    /// <summary>An entry judging has heard submitted; anything else is a 404.</summary>
    public static async Task<JudgingEntry> SubmittedEntryAsync(this IQuerySession session, Guid entryId, CancellationToken ct) =>
        await session.LoadAsync<JudgingEntry>(entryId, ct) is { IsSubmitted: true } entry ? entry : throw EntryNotFound();

    /// <summary>Also what a judge is told of an entry not assigned to them: blind judging says no more.</summary>
    public static Refusal EntryNotFound() => Refusal.NotFound("作品不存在", "Entry not found");

    /// <summary>The category's submitted entries, in a stable order.</summary>
    public static async Task<IReadOnlyList<JudgingEntry>> EntriesInCategoryAsync(this IQuerySession session, string campaignId, string categoryId, CancellationToken ct) =>
        await session.Query<JudgingEntry>().Where(e => e.CampaignId == campaignId && e.CategoryId == categoryId && e.Title != null)
            .OrderBy(e => e.Id).ToListAsync(ct);
}
