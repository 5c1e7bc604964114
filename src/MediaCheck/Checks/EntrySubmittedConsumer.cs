using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Messaging;
using Marten;
using MassTransit;
using Npgsql;

namespace Campaign.MediaCheck.Checks;

/// <summary>
/// Records what it hears of an entry (its submission, each replacement of its files) in the entry's
/// stream and checks the entry's newest files when they are not checked yet. The message is
/// acknowledged only after the fact and the result are committed, so a check cut short by a restart
/// is redelivered and done again; the processed-message mark makes its result published once.
/// </summary>
/// <remarks>
/// Checks of one entry run one after another, on any replica: each message holds the entry's
/// advisory lock from reading the stream to committing. A replacement that arrives while a check
/// runs waits its turn, then is recorded and checked. The verdict of the check that was running is
/// still published: it names the files it judged, so it is recognised as stale once the newer one
/// follows (and the check it cost is already spent).
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
        await LockEntryAsync(entryId, ct);
        if (!await session.TryMarkProcessedAsync(context)) return;

        var stream = await session.Events.FetchStreamAsync(entryId, token: ct);
        var entry = EntryMedia.Fold(stream.Select(e => e.Data)).Then(context.Message);
        List<object> facts = [context.Message];
        if (entry.Due is { } due) facts.Add(MediaCheckDecision.Decide(due, await checker.CheckAsync(category, due, ct), clock.GetUtcNow()));
        if (stream.Count == 0) session.Events.StartStream(entryId, [.. facts]);
        else session.Events.Append(entryId, stream[^1].Version + facts.Count, [.. facts]);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>Held by the transaction that commits the check, so it is released with it, or when the connection dies.</summary>
    private async Task LockEntryAsync(Guid entryId, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var id = entryId.ToByteArray();
        await using var command = new NpgsqlCommand("select pg_advisory_xact_lock($1)", session.Connection)
            { Parameters = { new() { Value = BitConverter.ToInt64(id, 0) ^ BitConverter.ToInt64(id, 8) } } };
        await command.ExecuteNonQueryAsync(ct);
    }
}
