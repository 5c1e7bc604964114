using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.Engagement.Snapshots;
using Campaign.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

namespace Campaign.Engagement.Entries;

/// <summary>
/// Keeps what engagement needs to know of an entry from other services: its publications (and
/// their addresses, by which platforms' data name them) and its exclusion (C1), in either order —
/// an exclusion of an entry not yet published starts its stream.
/// </summary>
public sealed class PublicationRecorder(IDocumentSession session) :
    IConsumer<EntryPublished>, IConsumer<EntryWithdrawn>, IConsumer<EntryDisqualified>
{
    public Task Consume(ConsumeContext<EntryPublished> context)
    {
        var e = context.Message;
        session.Store(new PublicationLink(PublicationLink.IdOf(e.PlatformId, e.Url), e.EntryId));
        return session.AppendOnceAsync(context, e.EntryId);
    }

    public Task Consume(ConsumeContext<EntryWithdrawn> context) => session.AppendOnceAsync(context, context.Message.EntryId);
    public Task Consume(ConsumeContext<EntryDisqualified> context) => session.AppendOnceAsync(context, context.Message.EntryId);
}
