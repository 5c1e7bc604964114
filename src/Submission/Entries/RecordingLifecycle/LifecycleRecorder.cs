using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

namespace Campaign.Submission.Entries.RecordingLifecycle;

/// <summary>A fact heard about an entry this service never created: kept, never made into an entry.</summary>
public sealed record FactAboutUnknownEntry(Guid Id, Guid EntryId, Guid MessageId, string Type, object Fact, DateTimeOffset HeardAt);

/// <summary>
/// Appends what other services decide about an entry to that entry's stream, so its history is
/// the whole lifecycle in one place. Idempotent on the message id. Facts arrive in any order, on
/// any replica; the history holds each once and the <see cref="Entry"/> settles the same either way.
/// </summary>
public sealed class LifecycleRecorder(IDocumentSession session, TimeProvider clock) :
    IConsumer<MediaChecked>, IConsumer<EntryReviewed>, IConsumer<EntryPublished>,
    IConsumer<EntryJudged>, IConsumer<EngagementScored>, IConsumer<AwardsAllocated>, IConsumer<CertificateIssued>
{
    public Task Consume(ConsumeContext<CertificateIssued> context) => RecordAsync(context, [(context.Message.EntryId, context.Message)]);
    public Task Consume(ConsumeContext<MediaChecked> context) => RecordAsync(context, [(context.Message.EntryId, context.Message)]);
    public Task Consume(ConsumeContext<EntryReviewed> context) => RecordAsync(context, [(context.Message.EntryId, context.Message)]);
    public Task Consume(ConsumeContext<EntryPublished> context) => RecordAsync(context, [(context.Message.EntryId, context.Message)]);
    public Task Consume(ConsumeContext<EntryJudged> context) => RecordAsync(context, [(context.Message.EntryId, context.Message)]);
    public Task Consume(ConsumeContext<EngagementScored> context) => RecordAsync(context, [(context.Message.EntryId, context.Message)]);

    public Task Consume(ConsumeContext<AwardsAllocated> context)
    {
        var allocation = context.Message;
        return RecordAsync(context, allocation.Results.Select(r => (r.EntryId, (object)new AwardDecided(r.EntryId, allocation.AllocationId, r.Rank,
            r.FinalScore, r.TierId, r.TierName, allocation.AllocatedAt))).ToList());
    }

    private async Task RecordAsync<T>(ConsumeContext<T> context, IReadOnlyList<(Guid EntryId, object Fact)> facts) where T : class
    {
        if (!await session.TryMarkProcessedAsync(context)) return;
        foreach (var (entryId, fact) in facts)
        {
            // Version-checked: a replica that appends from a stale version loses the race, is retried,
            // and folds its fact into the winner's snapshot instead of overwriting it. Not the ground
            // floor's AppendOnceAsync, which would begin a stream for an unknown entry, nor GetAndUpdate,
            // which saves per stream: an allocation's facts for many entries commit with the message's
            // mark in one transaction, or a retry after a conflict would skip the entries not yet written.
            if (await session.Events.FetchStreamStateAsync(entryId, context.CancellationToken) is { } stream)
                session.Events.Append(entryId, stream.Version + 1, fact);
            // Entries begin here (consent and submission in one transaction); a stream begun by a
            // lifecycle fact would fold into an entry with no campaign, no category and no submitter.
            else
                session.Store(new FactAboutUnknownEntry(Guid.CreateVersion7(), entryId, context.MessageId!.Value, fact.GetType().Name, fact, clock.GetUtcNow()));
        }
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
