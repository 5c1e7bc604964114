using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

namespace Campaign.Judging.Entries;

/// <summary>Keeps what judging needs to know of an entry: the work, its media check, its exclusion.</summary>
public sealed class EntryFactsRecorder(IDocumentSession session) :
    IConsumer<EntrySubmitted>, IConsumer<EntryMediaChanged>, IConsumer<MediaChecked>, IConsumer<EntryWithdrawn>, IConsumer<EntryDisqualified>
{
    public Task Consume(ConsumeContext<EntrySubmitted> context) => session.AppendOnceAsync(context, context.Message.EntryId);
    public Task Consume(ConsumeContext<EntryMediaChanged> context) => session.AppendOnceAsync(context, context.Message.EntryId);
    public Task Consume(ConsumeContext<MediaChecked> context) => session.AppendOnceAsync(context, context.Message.EntryId);
    public Task Consume(ConsumeContext<EntryWithdrawn> context) => session.AppendOnceAsync(context, context.Message.EntryId);
    public Task Consume(ConsumeContext<EntryDisqualified> context) => session.AppendOnceAsync(context, context.Message.EntryId);
}
