using System.Text.Json;
using Campaign.Engagement.Entries;
using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Campaign.Engagement.Snapshots;

/// <summary>
/// Every snapshot as one small row, keyed by entry, platform and moment (E1: the same platform,
/// entry and moment is the same snapshot; the key refuses a second). The events keep the record
/// (<see cref="SnapshotsRecorded"/>, one per batch) and each row is written in the transaction that
/// appends its event, so the table is that record's index: a batch writes one row per snapshot in
/// one statement, instead of rewriting a document or a stream per entry (docs/benchmarks.md).
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
    /// Queues the rows of the snapshots this session records: one statement, committed with their event or not at all.
    /// A row already there was recorded by a writer that raced this one to the same moment: the key refuses it, the whole
    /// transaction fails (<see cref="IsDuplicate"/>) and the batch is decided again against what that writer recorded.
    /// </summary>
    public static void Record(IDocumentSession session, IReadOnlyCollection<FiguresReported> snapshots)
    {
        if (snapshots.Count == 0) return;
        session.QueueSqlCommand(
            $"insert into {Name} (entry_id, platform_id, taken_at, figures, reported_by) " +
            "select e, p, t, f::jsonb, r from unnest(?, ?, ?, ?, ?) as s(e, p, t, f, r)",
            snapshots.Select(s => s.EntryId).ToArray(), snapshots.Select(s => s.PlatformId).ToArray(),
            snapshots.Select(s => s.ReportedAt.ToUniversalTime()).ToArray(),
            snapshots.Select(s => JsonSerializer.Serialize(s.Figures)).ToArray(), snapshots.Select(s => s.ReportedBy).ToArray());
    }

    /// <summary>Whether saving failed because another writer recorded one of the same snapshots first.</summary>
    public static bool IsDuplicate(Exception e)
    {
        for (var inner = (Exception?)e; inner is not null; inner = inner.InnerException)
            if (inner is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: var constraint }
                && constraint?.Contains("engagement_snapshot", StringComparison.Ordinal) == true)
                return true;
        return false;
    }

    /// <summary>
    /// The entries with their snapshots (of one platform, when named), in one query. Read as typed columns rather than as
    /// documents: a batch's decision reads the whole history of every entry it touches (docs/benchmarks.md).
    /// </summary>
    public static async Task<IReadOnlyList<EngagementEntry>> WithSnapshotsAsync(IQuerySession session, IReadOnlyList<EngagementEntry> entries,
        CancellationToken ct, string? platformId = null)
    {
        if (entries.Count == 0) return entries;
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select entry_id, platform_id, taken_at, figures::text, reported_by from {Name} where entry_id = any($1)" +
            (platformId is null ? "" : " and platform_id = $2"), connection);
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Id).ToArray() });
        if (platformId is not null) command.Parameters.Add(new NpgsqlParameter { Value = platformId });
        var snapshots = new List<FiguresReported>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                snapshots.Add(new FiguresReported(reader.GetGuid(0), reader.GetString(1),
                    JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(3))!, reader.GetString(4),
                    reader.GetFieldValue<DateTimeOffset>(2)));
        var byEntry = snapshots.ToLookup(s => s.EntryId);
        // The key allows one row per moment, so the rows need only the order EngagementEntry keeps them in.
        return entries.Select(e => e with
        {
            Snapshots = [.. byEntry[e.Id].OrderBy(s => s.PlatformId, StringComparer.Ordinal).ThenBy(s => s.ReportedAt)],
        }).ToList();
    }

    public static async Task<EngagementEntry> WithSnapshotsAsync(IQuerySession session, EngagementEntry entry, CancellationToken ct, string? platformId = null) =>
        (await WithSnapshotsAsync(session, [entry], ct, platformId))[0];
}
