using Campaign.Campaigns;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

namespace Campaign.MediaCheck.Checks;

/// <summary>
/// Records what it hears of an entry (its submission, each replacement of its files) in the entry's
/// stream. When the entry's newest files are not checked yet, a check that needs no tool (a story
/// without photos) is done on the spot; one that needs the tools is queued as <see cref="MediaCheckDue"/>
/// for <see cref="MediaCheckDueConsumer"/>, so this queue never waits for a tool slot. Messages come in
/// batches (<see cref="EntrySubmittedConsumerDefinition"/>), each acknowledged only after its facts (and
/// results) are committed; the processed-message mark makes what follows from it published once.
/// </summary>
/// <remarks>
/// Writes to one entry's stream run one after another, on any replica: a batch holds the advisory
/// locks of its entries (<see cref="EntryLock"/>) from reading their streams to committing. A replacement
/// that arrives while a check runs waits its turn (the rest of its batch is committed first, without
/// waiting), then is recorded and queued; the verdict of the check that was running names the files it
/// judged, so it is recognised as stale once the newer one follows.
/// </remarks>
public sealed class EntrySubmittedConsumer(ISessionFactory sessions, CampaignCatalog campaigns, MediaChecker checker, TimeProvider clock)
    : IConsumer<Batch<EntrySubmitted>>, IConsumer<Batch<EntryMediaChanged>>
{
    public Task Consume(ConsumeContext<Batch<EntrySubmitted>> context) => HearAsync(context, m => (m.EntryId, m.CampaignId, m.CategoryId));

    public Task Consume(ConsumeContext<Batch<EntryMediaChanged>> context) => HearAsync(context, m => (m.EntryId, m.CampaignId, m.CategoryId));

    private async Task HearAsync<T>(ConsumeContext<Batch<T>> context, Func<T, (Guid EntryId, string CampaignId, string CategoryId)> about)
        where T : class
    {
        var ct = context.CancellationToken;
        IReadOnlySet<Guid> busy;
        // The entries no tool check holds, at once; each session's transaction (and its locks) ends with it.
        await using (var session = sessions.OpenSession())
        {
            busy = await EntryLock.TryTakeAsync(session, context.Message.Select(m => about(m.Message).EntryId), ct);
            await RecordAsync(session, context.Message.Where(m => !busy.Contains(about(m.Message).EntryId)), about, ct);
        }
        if (busy.Count == 0) return;
        // Then those whose check is running: they wait their turn, the rest of the batch no longer waits with them.
        await using (var session = sessions.OpenSession())
        {
            await EntryLock.TakeAsync(session, busy, ct);
            await RecordAsync(session, context.Message.Where(m => busy.Contains(about(m.Message).EntryId)), about, ct);
        }
    }

    private async Task RecordAsync<T>(IDocumentSession session, IEnumerable<ConsumeContext<T>> messages,
        Func<T, (Guid EntryId, string CampaignId, string CategoryId)> about, CancellationToken ct) where T : class
    {
        var heard = await session.TryMarkProcessedAsync(messages, ct);
        if (heard.Count == 0) return;

        var reading = session.CreateBatchQuery();
        var streams = heard.Select(m => about(m.Message).EntryId).Distinct().ToDictionary(id => id, id => reading.Events.FetchStream(id));
        await reading.Execute(ct);
        foreach (var entries in heard.GroupBy(m => about(m.Message).EntryId).OrderBy(g => g.Key))
        {
            var (entryId, stream) = (entries.Key, await streams[entries.Key]);
            var facts = new List<object>();
            foreach (var message in entries.Select(m => m.Message))
            {
                var (_, campaignId, categoryId) = about(message);
                // Known: a message naming an unknown category was parked before it joined the batch (KnownCategoryFilter).
                var category = campaigns.Find(campaignId)!.FindCategory(categoryId)!;
                var entry = EntryMedia.Fold(stream.Select(e => e.Data).Concat(facts)).Then(message);
                facts.Add(message);
                if (entry.Due is { Media.Count: 0 } due) facts.Add(MediaCheckDecision.Decide(due, await checker.CheckAsync(category, due, ct), clock.GetUtcNow()));
                else if (entry.Due is { } queued) facts.Add(new MediaCheckDue(entryId, campaignId, categoryId, [.. queued.Media.Select(m => m.Sha256)]));
            }
            EntryLock.Append(session, entryId, stream, facts);
        }
        await session.SaveChangesAsync(ct);
    }
}
