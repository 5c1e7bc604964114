using Campaign.Engagement.Entries;

namespace Campaign.Engagement.Snapshots;

/// <summary>How a snapshot stands in its platform's history.</summary>
public enum SnapshotState
{
    /// <summary>Consistent with every earlier snapshot: its counters did not go down.</summary>
    Applied,
    /// <summary>A counter is lower than in an earlier snapshot: flagged, never applied (E1).</summary>
    Decreasing,
    /// <summary>Taken after the category's cutoff: kept, not counted (E1).</summary>
    AfterCutoff,
    /// <summary>From the moment an organizer excluded this platform's figures of the entry (E1).</summary>
    Excluded,
}

public sealed record SnapshotView(DateTimeOffset TakenAt, IReadOnlyDictionary<string, long> Figures, string ReportedBy, SnapshotState State);

/// <summary>A platform's history of an entry, and the snapshot that counts (the last applied one), if any.</summary>
public sealed record PlatformHistory(string PlatformId, IReadOnlyList<SnapshotView> Snapshots, SnapshotView? Counted);

/// <summary>
/// E1: which snapshot of each platform counts — a pure function of an entry's snapshots, its
/// exclusions and the cutoff, so it gives the same answer in whatever order the snapshots came.
/// Walking a platform's snapshots in time order, one whose counter is lower than the last applied
/// one's is flagged as decreasing and skipped (a platform's counts only grow; a lower one is a
/// feed's error or a platform's correction, for an organizer to see, not to apply silently).
/// </summary>
public static class Counting
{
    public static IReadOnlyList<PlatformHistory> Of(EngagementEntry entry, DateTimeOffset? cutoff) =>
        entry.Snapshots.GroupBy(s => s.PlatformId).Select(platform =>
        {
            var excludedFrom = entry.Exclusions?.Where(x => x.PlatformId == platform.Key).Select(x => (DateTimeOffset?)x.From).Min();
            IReadOnlyDictionary<string, long>? last = null;
            var views = new List<SnapshotView>();
            foreach (var s in platform.OrderBy(s => s.ReportedAt))
            {
                var decreasing = last is not null && s.Figures.Any(f => last.TryGetValue(f.Key, out var before) && f.Value < before);
                var state = decreasing ? SnapshotState.Decreasing
                    : s.ReportedAt > cutoff ? SnapshotState.AfterCutoff
                    : s.ReportedAt >= excludedFrom ? SnapshotState.Excluded
                    : SnapshotState.Applied;
                if (!decreasing) last = s.Figures;
                views.Add(new SnapshotView(s.ReportedAt, s.Figures, s.ReportedBy, state));
            }
            return new PlatformHistory(platform.Key, views, views.LastOrDefault(v => v.State == SnapshotState.Applied));
        }).ToList();
}
