using Campaign.Contracts.Engagement;
using Campaign.Engagement.Entries;
using Campaign.ServiceDefaults.EventStore;
using Marten;

namespace Campaign.Engagement.Closing;

/// <summary>The write path of <see cref="RescoringDecision"/>: what an exclusion heard after the closing changes in the category.</summary>
public static class Rescoring
{
    /// <summary>
    /// Stages in the session the scores and the closing of the next revision when engagement of the entry's category
    /// is closed and scores the entry; nothing otherwise (not closed yet: the closing will leave the entry out).
    /// Version-checked on the category's stream and the rescored entries' streams: two exclusions decided at once
    /// conflict, and the loser decides again on the winner's revision.
    /// </summary>
    public static async Task StageAsync(IDocumentSession session, string campaignId, string categoryId, Guid leaving, DateTimeOffset now,
        CancellationToken ct)
    {
        var categoryStream = StreamIds.ForCategory(campaignId, categoryId);
        var closings = await session.Events.FetchStreamAsync(categoryStream, token: ct);
        if (closings.Count == 0) return;
        var scores = await session.Events.QueryRawEventDataOnly<EngagementScored>()
            .Where(s => s.CampaignId == campaignId && s.CategoryId == categoryId).ToListAsync(ct);
        if (RescoringDecision.Decide((EngagementClosed)closings[^1].Data, scores, leaving, now) is not var (rescored, revised)) return;

        var versions = await EntryStreams.VersionsAsync(session, [.. rescored.Select(s => s.EntryId)], ct);
        foreach (var score in rescored) session.Events.Append(score.EntryId, versions[score.EntryId] + 1, score);
        session.Events.Append(categoryStream, closings[^1].Version + 1, revised);
    }
}
