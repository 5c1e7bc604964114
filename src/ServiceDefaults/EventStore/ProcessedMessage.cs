using Marten;
using MassTransit;

namespace Campaign.ServiceDefaults.EventStore;

/// <summary>Marks an integration message as applied, in the same transaction as what it caused.</summary>
public sealed record ProcessedMessage(Guid Id, string MessageType, DateTimeOffset ProcessedAt);

public static class IdempotencyExtensions
{
    /// <summary>
    /// False when this message was applied before. Otherwise stages the mark in the session:
    /// committing it with the message's effects makes a concurrent duplicate fail on the key and
    /// be retried, then skipped.
    /// </summary>
    public static async Task<bool> TryMarkProcessedAsync<T>(this IDocumentSession session, ConsumeContext<T> context)
        where T : class
    {
        var id = context.MessageId ?? throw new InvalidOperationException($"{typeof(T).Name} arrived without a message id");
        if (await session.LoadAsync<ProcessedMessage>(id, context.CancellationToken) is not null) return false;
        session.Insert(new ProcessedMessage(id, typeof(T).Name, DateTimeOffset.UtcNow));
        return true;
    }

    /// <summary>
    /// Appends the message itself to a stream, once: the common case of recording a fact heard from
    /// another service. Version-checked, because facts of one entry arrive on several queues at once
    /// and an inline snapshot built by two unaware transactions would lose one of them; the loser of
    /// the race fails, is retried, and folds its fact into the winner's.
    /// </summary>
    public static async Task AppendOnceAsync<T>(this IDocumentSession session, ConsumeContext<T> context, Guid streamId)
        where T : class
    {
        if (!await session.TryMarkProcessedAsync(context)) return;
        var stream = await session.Events.FetchStreamStateAsync(streamId, context.CancellationToken);
        if (stream is null) session.Events.StartStream(streamId, context.Message);
        else session.Events.Append(streamId, stream.Version + 1, context.Message);
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
