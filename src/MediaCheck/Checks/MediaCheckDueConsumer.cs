using Campaign.Campaigns;
using Campaign.Contracts.MediaCheck;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Messaging;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Campaign.MediaCheck.Checks;

/// <summary>
/// Runs the checks that need the tools, as many at once as <see cref="MediaCheckOptions.MaxConcurrentChecks"/>
/// allows (<see cref="MediaCheckDueConsumerDefinition"/>). It checks the entry's newest files as its stream
/// has them when the turn comes: a check queued for files since replaced finds the newer ones due (and the
/// newer queued check then finds nothing to do), and a check already done is not done again.
/// </summary>
public sealed class MediaCheckDueConsumer(IDocumentSession session, CampaignCatalog campaigns, MediaChecker checker, TimeProvider clock)
    : IConsumer<MediaCheckDue>
{
    public async Task Consume(ConsumeContext<MediaCheckDue> context)
    {
        var (ct, message) = (context.CancellationToken, context.Message);
        var category = campaigns.Find(message.CampaignId)?.FindCategory(message.CategoryId)
            ?? throw new PoisonMessageException($"entry {message.EntryId} names unknown category {message.CampaignId}/{message.CategoryId}");
        await EntryLock.TakeAsync(session, message.EntryId, ct);
        if (!await session.TryMarkProcessedAsync(context)) return;

        var stream = await session.Events.FetchStreamAsync(message.EntryId, token: ct);
        if (EntryMedia.Fold(stream.Select(e => e.Data)).Due is { } due)
            EntryLock.Append(session, message.EntryId, stream, [MediaCheckDecision.Decide(due, await checker.CheckAsync(category, due, ct), clock.GetUtcNow())]);
        await session.SaveChangesAsync(ct);
    }
}

/// <summary>As many tool checks at once as the tools may run (prefetching no more than that), so the queue shows how many wait.</summary>
public sealed class MediaCheckDueConsumerDefinition : ConsumerDefinition<MediaCheckDueConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<MediaCheckDueConsumer> consumer,
        IRegistrationContext context)
    {
        var slots = Math.Max(1, context.GetRequiredService<IOptions<MediaCheckOptions>>().Value.MaxConcurrentChecks);
        endpoint.ConcurrentMessageLimit = slots;
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.PrefetchCount = slots;
    }
}
