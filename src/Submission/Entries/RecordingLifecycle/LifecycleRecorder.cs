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
/// Facts are taken in batches (<see cref="LifecycleRecorderDefinition"/>), each batch in one transaction.
/// </summary>
public sealed class LifecycleRecorder(IDocumentSession session, TimeProvider clock) :
    IConsumer<Batch<MediaChecked>>, IConsumer<Batch<EntryReviewed>>, IConsumer<Batch<EntryPublished>>,
    IConsumer<Batch<EntryJudged>>, IConsumer<Batch<EngagementScored>>, IConsumer<Batch<AwardsAllocated>>, IConsumer<Batch<CertificateIssued>>
{
    public Task Consume(ConsumeContext<Batch<CertificateIssued>> context) => RecordAsync(context, m => [(m.EntryId, (object)m)]);
    public Task Consume(ConsumeContext<Batch<MediaChecked>> context) => RecordAsync(context, m => [(m.EntryId, (object)m)]);
    public Task Consume(ConsumeContext<Batch<EntryReviewed>> context) => RecordAsync(context, m => [(m.EntryId, (object)m)]);
    public Task Consume(ConsumeContext<Batch<EntryPublished>> context) => RecordAsync(context, m => [(m.EntryId, (object)m)]);
    public Task Consume(ConsumeContext<Batch<EntryJudged>> context) => RecordAsync(context, m => [(m.EntryId, (object)m)]);
    public Task Consume(ConsumeContext<Batch<EngagementScored>> context) => RecordAsync(context, m => [(m.EntryId, (object)m)]);

    public Task Consume(ConsumeContext<Batch<AwardsAllocated>> context) =>
        RecordAsync(context, allocation => allocation.Results.Select(r => (r.EntryId, (object)new AwardDecided(r.EntryId, allocation.AllocationId, r.Rank,
            r.FinalScore, r.TierId, r.TierName, allocation.AllocatedAt))).ToList());

    // Entries begin here (consent and submission in one transaction); a stream begun by a lifecycle fact would fold
    // into an entry with no campaign, no category and no submitter: a fact about an unknown entry is kept aside.
    private Task RecordAsync<T>(ConsumeContext<Batch<T>> context, Func<T, IEnumerable<(Guid EntryId, object Fact)>> factsOf) where T : class =>
        session.AppendOnceAsync(context.Message, factsOf, context.CancellationToken, unknownStream: (entryId, fact, message) =>
            session.Store(new FactAboutUnknownEntry(Guid.CreateVersion7(), entryId, message.MessageId!.Value, fact.GetType().Name, fact, clock.GetUtcNow())));
}
