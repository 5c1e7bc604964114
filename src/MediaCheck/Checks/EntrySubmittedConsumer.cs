using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

namespace Campaign.MediaCheck.Checks;

public sealed class EntrySubmittedConsumer(IDocumentSession session, CampaignCatalog campaigns, TimeProvider clock)
    : IConsumer<EntrySubmitted>
{
    public async Task Consume(ConsumeContext<EntrySubmitted> context)
    {
        var entry = context.Message;
        var category = campaigns.Find(entry.CampaignId)?.FindCategory(entry.CategoryId)
            ?? throw new InvalidOperationException($"entry {entry.EntryId} names unknown category {entry.CampaignId}/{entry.CategoryId}");
        if (!await session.TryMarkProcessedAsync(context)) return;

        session.Events.StartStream(entry.EntryId, MediaCheckDecision.Decide(category, entry, clock.GetUtcNow()));
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
