using System.Text.Json;
using Campaign.Engagement.Entries;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Campaign.Engagement.Snapshots;

/// <summary>
/// Every snapshot as one small row, keyed by entry, platform and moment (E1: the same platform,
/// entry and moment is the same snapshot; the key refuses a second). The entry's stream keeps the
/// <see cref="FiguresReported"/> events — the record, folded by <see cref="EngagementEntry"/> —
/// and each row is written in the transaction that appends its event, so the table is that
/// record's index: a batch writes one row per snapshot in one statement, instead of rewriting a
/// document that holds the entry's whole history (docs/benchmarks.md, the profile of 2026-11-29).
/// </summary>
public static class SnapshotTable
{
    public const string Name = Extensions.Service + ".engagement_snapshot";

    public static Table Define()
    {
        var table = new Table(new PostgresqlObjectName(Extensions.Service, "engagement_snapshot", SchemaUtils.IdentifierUsage.General));
        table.AddColumn("entry_id", "uuid").AsPrimaryKey();
        table.AddColumn("platform_id", "text").AsPrimaryKey();
        table.AddColumn("taken_at", "timestamp with time zone").AsPrimaryKey();
        table.AddColumn("figures", "jsonb").NotNull();
        table.AddColumn("reported_by", "text").NotNull();
        return table;
    }

    /// <summary>
    /// Queues the rows of snapshots whose events this session appends: one statement, committed with the events or not
    /// at all. A row already there was recorded by a writer that raced this one on the same entry, so this session's
    /// version-checked append fails and its batch is decided again; the row is left to that check rather than to the key.
    /// </summary>
    public static void Record(IDocumentSession session, IReadOnlyCollection<FiguresReported> snapshots)
    {
        if (snapshots.Count == 0) return;
        session.QueueSqlCommand(
            $"insert into {Name} (entry_id, platform_id, taken_at, figures, reported_by) " +
            "select e, p, t, f::jsonb, r from unnest(?, ?, ?, ?, ?) as s(e, p, t, f, r) on conflict do nothing",
            snapshots.Select(s => s.EntryId).ToArray(), snapshots.Select(s => s.PlatformId).ToArray(),
            snapshots.Select(s => s.ReportedAt.ToUniversalTime()).ToArray(),
            snapshots.Select(s => JsonSerializer.Serialize(s.Figures)).ToArray(), snapshots.Select(s => s.ReportedBy).ToArray());
    }

    /// <summary>The entries with their snapshots (of one platform, when named), in one query.</summary>
    public static async Task<IReadOnlyList<EngagementEntry>> WithSnapshotsAsync(IQuerySession session, IReadOnlyList<EngagementEntry> entries,
        CancellationToken ct, string? platformId = null)
    {
        if (entries.Count == 0) return entries;
        var rows = await session.AdvancedSql.QueryAsync<string>(
            "select json_build_object('entryId', entry_id, 'platformId', platform_id, 'figures', figures, 'reportedBy', reported_by, 'reportedAt', taken_at)::text " +
            $"from {Name} where entry_id = any(?) and (?::text is null or platform_id = ?)", ct,
            entries.Select(e => e.Id).ToArray(), (object?)platformId ?? DBNull.Value, (object?)platformId ?? DBNull.Value);
        var byEntry = rows.Select(r => JsonSerializer.Deserialize<FiguresReported>(r, Json)!).ToLookup(s => s.EntryId);
        // The key allows one row per moment, so the rows need only the order EngagementEntry keeps them in.
        return entries.Select(e => e with
        {
            Snapshots = [.. byEntry[e.Id].OrderBy(s => s.PlatformId, StringComparer.Ordinal).ThenBy(s => s.ReportedAt)],
        }).ToList();
    }

    public static async Task<EngagementEntry> WithSnapshotsAsync(IQuerySession session, EngagementEntry entry, CancellationToken ct, string? platformId = null) =>
        (await WithSnapshotsAsync(session, [entry], ct, platformId))[0];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
