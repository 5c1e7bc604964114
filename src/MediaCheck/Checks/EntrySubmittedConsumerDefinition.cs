using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.Messaging;
using MassTransit;

namespace Campaign.MediaCheck.Checks;

/// <summary>
/// Entries in batches (<see cref="BatchRecorderDefinition{TConsumer}"/>): hearing of an entry never waits
/// for a tool (checks that need one are queued to <see cref="MediaCheckDueConsumer"/>), so this queue moves
/// at the database's pace, one transaction a batch. Writes to one entry still run one at a time (its lock).
/// </summary>
public sealed class EntrySubmittedConsumerDefinition : BatchRecorderDefinition<EntrySubmittedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<EntrySubmittedConsumer> consumer,
        IRegistrationContext context)
    {
        base.ConfigureConsumer(endpoint, consumer, context);
        endpoint.UseFilter(new KnownCategoryFilter(context.GetRequiredService<CampaignCatalog>()));
    }
}

/// <summary>
/// An entry of an unknown campaign or category can never be checked: its message is parked at once, on its own,
/// before it joins a batch (a batch succeeds or fails whole, and would park the good messages beside it).
/// </summary>
public sealed class KnownCategoryFilter(CampaignCatalog campaigns) : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        var (heard, entryId, campaignId, categoryId) =
            context.TryGetMessage<EntrySubmitted>(out var submitted) ? (true, submitted.Message.EntryId, submitted.Message.CampaignId, submitted.Message.CategoryId)
            : context.TryGetMessage<EntryMediaChanged>(out var changed) ? (true, changed.Message.EntryId, changed.Message.CampaignId, changed.Message.CategoryId)
            : (false, Guid.Empty, null, null);
        if (heard && (campaignId is null || categoryId is null || campaigns.Find(campaignId)?.FindCategory(categoryId) is null))
            throw new PoisonMessageException($"entry {entryId} names unknown category {campaignId}/{categoryId}");
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("knownCategory");
}
