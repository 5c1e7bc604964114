using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.Engagement.Closing;
using Campaign.Engagement.Snapshots;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Messaging;
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

    private async Task Exclude<T>(ConsumeContext<T> context, Guid entryId, string campaignId, string categoryId) where T : class
    {
        var ct = context.CancellationToken;
        if (!await session.TryMarkProcessedAsync(context)) return;
        await Rescoring.StageAsync(session, campaignId, categoryId, entryId, clock.GetUtcNow(), ct);
        // Version-checked like AppendOnceAsync: the closing scores the entry against the version it read, so an exclusion
        // committed meanwhile makes one of the two conflict, and the one tried again sees the other.
        if (await session.Events.FetchStreamStateAsync(entryId, ct) is { } state) session.Events.Append(entryId, state.Version + 1, context.Message);
        else session.Events.StartStream(entryId, context.Message);
        await session.SaveChangesAsync(ct);
    }
}

/// <summary>A message without an id cannot be recorded once: it is parked at once rather than retried for the whole budget.</summary>
public sealed class PublicationRecorderDefinition : ConsumerDefinition<PublicationRecorder>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<PublicationRecorder> consumerConfigurator,
        IRegistrationContext context) => endpointConfigurator.UseFilter(new IdentifiedMessagesFilter());
}
