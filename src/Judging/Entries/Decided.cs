using Marten;

namespace Campaign.Judging.Entries;

/// <summary>Events a command decided on an entry. <see cref="Entry"/> is the entry as read, or as the command's own
/// events left it: <c>with</c> keeps the version it was read at.</summary>
public sealed record Decided(JudgingEntry Entry, params object[] Events);

public static class DecidedEvents
{
    /// <summary>Appends to each entry what was decided on it, in order, checked against the version it was read at:
    /// events of several entries (a panel change re-plans the category) commit together or not at all, and an entry
    /// changed by someone else since it was read makes the save fail rather than be overwritten. The streams are written in
    /// key order, as the batch recorders write theirs, so the two never wait for each other in a circle.</summary>
    public static void AppendDecided(this IDocumentSession session, IEnumerable<Decided> decided)
    {
        foreach (var entry in decided.GroupBy(d => d.Entry.Id).OrderBy(g => g.Key))
        {
            var events = entry.SelectMany(d => d.Events).ToArray();
            session.Events.Append(entry.Key, entry.First().Entry.Version + events.Length, events);
        }
    }
}
