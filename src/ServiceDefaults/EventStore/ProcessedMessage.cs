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
        where T : class =>
        (await session.TryMarkProcessedAsync([context], context.CancellationToken)).Count == 1;

    /// <summary>
    /// The messages of a batch not applied before, each once (a redelivery may sit in the same batch), with their marks
    /// staged in the session: one read for the whole batch.
    /// </summary>
    public static async Task<IReadOnlyList<ConsumeContext<T>>> TryMarkProcessedAsync<T>(this IDocumentSession session, IEnumerable<ConsumeContext<T>> batch,
        CancellationToken ct) where T : class
    {
        // In key order, like the streams below: two transactions that write the same rows write them in one order.
        var messages = batch.DistinctBy(m => m.MessageId ?? throw new InvalidOperationException($"{typeof(T).Name} arrived without a message id"))
            .OrderBy(m => m.MessageId).ToList();
        var processed = (await session.LoadManyAsync<ProcessedMessage>(ct, messages.Select(m => m.MessageId!.Value))).Select(m => m.Id).ToHashSet();
        var fresh = messages.Where(m => !processed.Contains(m.MessageId!.Value)).ToList();
        var now = DateTimeOffset.UtcNow;
        foreach (var message in fresh) session.Insert(new ProcessedMessage(message.MessageId!.Value, typeof(T).Name, now));
        return fresh;
    }

    /// <summary>
    /// Appends the message itself to a stream, once: the common case of recording a fact heard from
    /// another service. Version-checked, because facts of one entry arrive on several queues at once
    /// and an inline snapshot built by two unaware transactions would lose one of them; the loser of
    /// the race fails, is retried, and folds its fact into the winner's.
    /// </summary>
    public static Task AppendOnceAsync<T>(this IDocumentSession session, ConsumeContext<T> context, Guid streamId)
        where T : class =>
        session.AppendOnceAsync([context], message => [(streamId, message)], context.CancellationToken);

    /// <summary>
    /// The batch form of the above (which is a batch of one): the facts of each
    /// message not applied before, appended to their streams with the messages' marks in one transaction, after one read
    /// of the marks and one of the streams' versions for the whole batch. Version-checked per stream as above; the loser
    /// of a race is retried whole (<see cref="Messaging.BatchRecorderDefinition{TConsumer}"/>). A stream not begun yet is
    /// begun by its facts, unless <paramref name="unknownStream"/> takes them instead.
    /// </summary>
    public static async Task AppendOnceAsync<T>(this IDocumentSession session, IEnumerable<ConsumeContext<T>> batch,
        Func<T, IEnumerable<(Guid StreamId, object Fact)>> factsOf, CancellationToken ct,
        Action<Guid, object, ConsumeContext<T>>? unknownStream = null) where T : class
    {
        var facts = (await session.TryMarkProcessedAsync(batch, ct))
            .SelectMany(message => factsOf(message.Message).Select(f => (f.StreamId, f.Fact, Message: message))).ToList();
        if (facts.Count == 0) return;

        var reading = session.CreateBatchQuery();
        var states = facts.Select(f => f.StreamId).Distinct().ToDictionary(id => id, id => reading.Events.FetchStreamState(id));
        await reading.Execute(ct);
        // Streams in key order: two batches that share streams wait for each other in turn, never in a circle (a deadlock).
        foreach (var stream in facts.GroupBy(f => f.StreamId).OrderBy(g => g.Key))
        {
            var events = stream.Select(f => f.Fact).ToArray();
            if (await states[stream.Key] is { } state) session.Events.Append(stream.Key, state.Version + events.Length, events);
            else if (unknownStream is null) session.Events.StartStream(stream.Key, events);
            else foreach (var (streamId, fact, message) in stream) unknownStream(streamId, fact, message);
        }
        await session.SaveChangesAsync(ct);
    }
}
