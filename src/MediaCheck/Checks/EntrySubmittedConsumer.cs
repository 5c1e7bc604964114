using Campaign.Campaigns;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

namespace Campaign.MediaCheck.Checks;

/// <summary>
/// Records what it hears of an entry (its submission, each replacement of its files) in the entry's
/// stream. When the entry's newest files are not checked yet, a check that needs no tool (a story
/// without photos) is done on the spot; one that needs the tools is queued as <see cref="MediaCheckDue"/>
/// for <see cref="MediaCheckDueConsumer"/>, so this queue never waits for a tool slot. The message is
/// acknowledged only after the fact (and the result) are committed; the processed-message mark makes
/// what follows from it published once.
/// </summary>
/// <remarks>
/// Writes to one entry's stream run one after another, on any replica: each holds the entry's
/// advisory lock (<see cref="EntryLock"/>) from reading the stream to committing. A replacement that
/// arrives while a check runs waits its turn, then is recorded and queued; the verdict of the check
/// that was running names the files it judged, so it is recognised as stale once the newer one follows.
/// </remarks>
public sealed class EntrySubmittedConsumer(IDocumentSession session, CampaignCatalog campaigns, MediaChecker checker, TimeProvider clock)
    : IConsumer<EntrySubmitted>, IConsumer<EntryMediaChanged>
{
    public Task Consume(ConsumeContext<EntrySubmitted> context) =>
        Hear(context, context.Message.EntryId, context.Message.CampaignId, context.Message.CategoryId);

    public Task Consume(ConsumeContext<EntryMediaChanged> context) =>
        Hear(context, context.Message.EntryId, context.Message.CampaignId, context.Message.CategoryId);

    private async Task Hear<T>(ConsumeContext<T> context, Guid entryId, string campaignId, string categoryId) where T : class
    {
        var ct = context.CancellationToken;
        var category = campaigns.Find(campaignId)?.FindCategory(categoryId)
            ?? throw new PoisonMessageException($"entry {entryId} names unknown category {campaignId}/{categoryId}");
        await EntryLock.TakeAsync(session, entryId, ct);
        if (!await session.TryMarkProcessedAsync(context)) return;

        var stream = await session.Events.FetchStreamAsync(entryId, token: ct);
        var entry = EntryMedia.Fold(stream.Select(e => e.Data)).Then(context.Message);
        List<object> facts = [context.Message];
        if (entry.Due is { Media.Count: 0 } due) facts.Add(MediaCheckDecision.Decide(due, await checker.CheckAsync(category, due, ct), clock.GetUtcNow()));
        else if (entry.Due is { } queued) facts.Add(new MediaCheckDue(entryId, campaignId, categoryId, [.. queued.Media.Select(m => m.Sha256)]));
        EntryLock.Append(session, entryId, stream, facts);
        await session.SaveChangesAsync(ct);
    }
}
