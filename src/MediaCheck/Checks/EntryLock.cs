using JasperFx.Events;
using Marten;
using Npgsql;

namespace Campaign.MediaCheck.Checks;

/// <summary>Writes to one entry's stream, one after another on any replica.</summary>
public static class EntryLock
{
    /// <summary>The entry's advisory lock, held by the session's transaction: released when it commits or rolls back, or when the connection dies.</summary>
    public static async Task TakeAsync(IDocumentSession session, Guid entryId, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var id = entryId.ToByteArray();
        await using var command = new NpgsqlCommand("select pg_advisory_xact_lock($1)", session.Connection)
            { Parameters = { new() { Value = BitConverter.ToInt64(id, 0) ^ BitConverter.ToInt64(id, 8) } } };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Appends to the stream as it was read under the lock.</summary>
    public static void Append(IDocumentSession session, Guid entryId, IReadOnlyList<IEvent> stream, IReadOnlyList<object> facts)
    {
        if (stream.Count == 0) session.Events.StartStream(entryId, [.. facts]);
        else session.Events.Append(entryId, stream[^1].Version + facts.Count, [.. facts]);
    }
}
