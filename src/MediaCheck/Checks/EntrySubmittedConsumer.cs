using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

namespace Campaign.MediaCheck.Checks;

/// <summary>
/// Checks an entry once. The message is acknowledged only after the result is committed, so a
/// check cut short by a restart is redelivered and done again; the processed-message mark and
/// the stream's start make its result published once.
/// </summary>
public sealed class EntrySubmittedConsumer(IDocumentSession session, CampaignCatalog campaigns, MediaChecker checker, TimeProvider clock)
    : IConsumer<EntrySubmitted>
{
    public async Task Consume(ConsumeContext<EntrySubmitted> context)
    {
        var entry = context.Message;
        var category = campaigns.Find(entry.CampaignId)?.FindCategory(entry.CategoryId)
            ?? throw new InvalidOperationException($"entry {entry.EntryId} names unknown category {entry.CampaignId}/{entry.CategoryId}");
        if (!await session.TryMarkProcessedAsync(context)) return;

        var findings = await checker.CheckAsync(category, entry, context.CancellationToken);
        session.Events.StartStream(entry.EntryId, MediaCheckDecision.Decide(entry, findings, clock.GetUtcNow()));
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
