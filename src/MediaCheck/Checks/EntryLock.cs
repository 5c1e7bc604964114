using JasperFx.Events;
using Marten;
using Npgsql;

namespace Campaign.MediaCheck.Checks;

/// <summary>Writes to one entry's stream, one after another on any replica.</summary>
public static class EntryLock
{
    /// <summary>The entry's advisory lock, held by the session's transaction: released when it commits or rolls back, or when the connection dies.</summary>
    public static Task TakeAsync(IDocumentSession session, Guid entryId, CancellationToken ct) => TakeAsync(session, [entryId], ct);

    /// <summary>
    /// The locks of several entries, in one round trip and in one order everywhere (by key), so two batches that share
    /// entries wait for each other in turn, never in a circle.
    /// </summary>
    public static async Task TakeAsync(IDocumentSession session, IEnumerable<Guid> entryIds, CancellationToken ct)
    {
        await using var batch = await LockingAsync(session, entryIds.Distinct().OrderBy(Key), "pg_advisory_xact_lock", ct);
        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// The locks of several entries that are free now, in key order, without waiting for the others: the entries whose
    /// lock another transaction holds (a tool check running on them) are returned.
    /// </summary>
    public static async Task<IReadOnlySet<Guid>> TryTakeAsync(IDocumentSession session, IEnumerable<Guid> entryIds, CancellationToken ct)
    {
        var entries = entryIds.Distinct().OrderBy(Key).ToList();
        await using var batch = await LockingAsync(session, entries, "pg_try_advisory_xact_lock", ct);
        var busy = new HashSet<Guid>();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        foreach (var entryId in entries)
        {
            if (await reader.ReadAsync(ct) && !reader.GetBoolean(0)) busy.Add(entryId);
            await reader.NextResultAsync(ct);
        }
        return busy;
    }

    // One statement per entry, in the order given, in the session's transaction (begun here).
    private static async Task<NpgsqlBatch> LockingAsync(IDocumentSession session, IEnumerable<Guid> entries, string function, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var batch = new NpgsqlBatch(session.Connection);
        foreach (var entryId in entries)
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"select {function}($1)") { Parameters = { new() { Value = Key(entryId) } } });
        return batch;
    }

    private static long Key(Guid entryId)
    {
        var id = entryId.ToByteArray();
        return BitConverter.ToInt64(id, 0) ^ BitConverter.ToInt64(id, 8);
    }

    /// <summary>Appends to the stream as it was read under the lock.</summary>
    public static void Append(IDocumentSession session, Guid entryId, IReadOnlyList<IEvent> stream, IReadOnlyList<object> facts)
    {
        if (stream.Count == 0) session.Events.StartStream(entryId, [.. facts]);
        else session.Events.Append(entryId, stream[^1].Version + facts.Count, [.. facts]);
    }
}
