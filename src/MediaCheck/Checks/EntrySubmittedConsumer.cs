using Campaign.Campaigns;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

namespace Campaign.MediaCheck.Checks;

/// <summary>
/// Checks an entry when it is submitted and again whenever its files are replaced. The message
/// is acknowledged only after the result is committed, so a check cut short by a restart is
/// redelivered and done again; the processed-message mark makes its result published once.
/// </summary>
public sealed class EntrySubmittedConsumer(IDocumentSession session, CampaignCatalog campaigns, MediaChecker checker, TimeProvider clock)
    : IConsumer<EntrySubmitted>, IConsumer<EntryMediaChanged>
{
    public Task Consume(ConsumeContext<EntrySubmitted> context) => Check(context, context.Message, keep: true);

    /// <summary>The entry as submitted (its story text included) with the new files.</summary>
    public async Task Consume(ConsumeContext<EntryMediaChanged> context)
    {
        var changed = context.Message;
        var submitted = (await session.Events.FetchStreamAsync(changed.EntryId, token: context.CancellationToken))
            .Select(e => e.Data).OfType<EntrySubmitted>().LastOrDefault()
            ?? throw new InvalidOperationException($"entry {changed.EntryId} changed its media before its submission arrived; retrying");
        await Check(context, submitted with { Media = changed.Media }, keep: false);
    }

    private async Task Check<T>(ConsumeContext<T> context, EntrySubmitted entry, bool keep) where T : class
    {
        var category = campaigns.Find(entry.CampaignId)?.FindCategory(entry.CategoryId)
            ?? throw new InvalidOperationException($"entry {entry.EntryId} names unknown category {entry.CampaignId}/{entry.CategoryId}");
        if (!await session.TryMarkProcessedAsync(context)) return;

        var findings = await checker.CheckAsync(category, entry, context.CancellationToken);
        if (keep) session.Events.Append(entry.EntryId, entry);
        session.Events.Append(entry.EntryId, MediaCheckDecision.Decide(entry, findings, clock.GetUtcNow()));
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
