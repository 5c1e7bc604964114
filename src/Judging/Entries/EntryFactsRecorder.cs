using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

namespace Campaign.Judging.Entries;

/// <summary>Keeps what judging needs to know of an entry: the work, its media check, its exclusion; in batches.</summary>
public sealed class EntryFactsRecorder(IDocumentSession session) :
    IConsumer<Batch<EntrySubmitted>>, IConsumer<Batch<EntryMediaChanged>>, IConsumer<Batch<MediaChecked>>, IConsumer<Batch<EntryWithdrawn>>,
    IConsumer<Batch<EntryDisqualified>>
{
    public Task Consume(ConsumeContext<Batch<EntrySubmitted>> context) => session.AppendOnceAsync(context.Message, m => [(m.EntryId, m)], context.CancellationToken);
    public Task Consume(ConsumeContext<Batch<EntryMediaChanged>> context) => session.AppendOnceAsync(context.Message, m => [(m.EntryId, m)], context.CancellationToken);
    public Task Consume(ConsumeContext<Batch<MediaChecked>> context) => session.AppendOnceAsync(context.Message, m => [(m.EntryId, m)], context.CancellationToken);
    public Task Consume(ConsumeContext<Batch<EntryWithdrawn>> context) => session.AppendOnceAsync(context.Message, m => [(m.EntryId, m)], context.CancellationToken);
    public Task Consume(ConsumeContext<Batch<EntryDisqualified>> context) => session.AppendOnceAsync(context.Message, m => [(m.EntryId, m)], context.CancellationToken);
}

public sealed class EntryFactsRecorderDefinition : BatchRecorderDefinition<EntryFactsRecorder>;
