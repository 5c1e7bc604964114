using System.Text.Json;
using Marten;

namespace Campaign.Engagement.Entries;

/// <summary>
/// The version-checked write path of entries. The stored <see cref="EngagementEntry"/> does not carry its stream's
/// version (and streams written before snapshots moved to <see cref="SnapshotsRecorded"/> hold figures that
/// never rewrote it): writers read the versions of the streams first, then the state, and append against those
/// versions — a write committed in between makes the append conflict and the decision be taken again, never lost.
/// </summary>
public static class EntryStreams
{
    /// <summary>The current version of each existing stream, in one query.</summary>
    public static async Task<IReadOnlyDictionary<Guid, long>> VersionsAsync(IQuerySession session, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<Guid, long>();
        var rows = await session.AdvancedSql.QueryAsync<string>(
            $"select json_build_object('id', id, 'version', version)::text from {Extensions.Service}.mt_streams where id = any(?)", ct, ids.ToArray());
        return rows.Select(r => JsonSerializer.Deserialize<StreamVersion>(r, Json)!).ToDictionary(s => s.Id, s => s.Version);
    }

    /// <summary>
    /// Loads an entry (null when there is none), lets the decision decide, appends what it decided against the
    /// version read before the entry, and saves. False when the decision returns null, or there is no entry to append to.
    /// </summary>
    public static async Task<bool> UpdateAsync(IDocumentSession session, Guid id, Func<EngagementEntry?, Task<object[]?>> decide, CancellationToken ct)
    {
        var version = (await VersionsAsync(session, [id], ct)).GetValueOrDefault(id);
        var entry = version == 0 ? null : await session.LoadAsync<EngagementEntry>(id, ct);
        if (await decide(entry) is not { } events || entry is null) return false;
        if (events.Length == 0) return true;
        session.Events.Append(id, version + events.Length, events);
        await session.SaveChangesAsync(ct);
        return true;
    }

    private sealed record StreamVersion(Guid Id, long Version);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
