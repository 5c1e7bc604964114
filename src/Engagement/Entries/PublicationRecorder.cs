using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.Engagement.Closing;
using Campaign.Engagement.Snapshots;
using Campaign.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

namespace Campaign.Engagement.Entries;

/// <summary>
/// Keeps what engagement needs to know of an entry from other services: its publications (and
/// their addresses, by which platforms' data name them) and its exclusion (C1), in either order —
/// an exclusion of an entry not yet published starts its stream. An exclusion heard after the
/// category's closing scales the category again without the entry (<see cref="Rescoring"/>), in the
/// same transaction.
/// </summary>
public sealed class PublicationRecorder(IDocumentSession session, TimeProvider clock) :
    IConsumer<EntryPublished>, IConsumer<EntryWithdrawn>, IConsumer<EntryDisqualified>
{
    public Task Consume(ConsumeContext<EntryPublished> context)
    {
        var e = context.Message;
        session.Store(new PublicationLink(PublicationLink.IdOf(e.PlatformId, e.Url), e.EntryId));
        return session.AppendOnceAsync(context, e.EntryId);
    }

    public Task Consume(ConsumeContext<EntryWithdrawn> context) =>
        Exclude(context, context.Message.EntryId, context.Message.CampaignId, context.Message.CategoryId);

    public Task Consume(ConsumeContext<EntryDisqualified> context) =>
        Exclude(context, context.Message.EntryId, context.Message.CampaignId, context.Message.CategoryId);

    /// <summary>
    /// Staged before the mark and the fact, in their transaction: a redelivery finds the closing without the entry and stages
    /// nothing, and a racing duplicate loses on the mark.
    /// </summary>
    private async Task Exclude<T>(ConsumeContext<T> context, Guid entryId, string campaignId, string categoryId) where T : class
    {
        await Rescoring.StageAsync(session, campaignId, categoryId, entryId, clock.GetUtcNow(), context.CancellationToken);
        await session.AppendOnceAsync(context, entryId);
    }
}
