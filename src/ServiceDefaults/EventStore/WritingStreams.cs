using Marten;

namespace Campaign.ServiceDefaults.EventStore;

public static class WritingStreams
{
    /// <summary>
    /// The write path of a command: fetch the stream for writing (its version is checked when saving), let the pure
    /// decision decide on its state (null when there is none yet), append what it decided and save. False when the
    /// decision returns null: nothing to act on, or not the caller's to change — a 404 for them.
    /// </summary>
    public static Task<bool> GetAndUpdate<T>(this IDocumentSession session, Guid id, Func<T?, object[]?> decide, CancellationToken ct)
        where T : class =>
        session.GetAndUpdate<T>(id, state => Task.FromResult(decide(state)), ct);

    /// <summary>The same, for a decision that first looks something up (uploads to attach, places to take).</summary>
    public static async Task<bool> GetAndUpdate<T>(this IDocumentSession session, Guid id, Func<T?, Task<object[]?>> decide, CancellationToken ct)
        where T : class
    {
        var stream = await session.Events.FetchForWriting<T>(id, ct);
        if (await decide(stream.Aggregate) is not { } events) return false;
        stream.AppendMany(events);
        await session.SaveChangesAsync(ct);
        return true;
    }
}
