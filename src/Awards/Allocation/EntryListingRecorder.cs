using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

namespace Campaign.Awards.Allocation;

/// <summary>
/// Lists each submitted entry (its organization, title, authors) in the entry's own stream, for the
/// results, the cap report and the certificates (<see cref="CategoryRecord.ListedAsync"/>). On a queue
/// of its own, many at once: listings of different entries never race, while the category's facts are
/// taken one at a time (<see cref="CategoryResultsRecorderDefinition"/>) — on deadline day the
/// listings queued behind each other there by thousands (docs/benchmarks.md).
/// </summary>
public sealed class EntryListingRecorder(IDocumentSession session) : IConsumer<EntrySubmitted>
{
    public async Task Consume(ConsumeContext<EntrySubmitted> context)
    {
        if (!await session.TryMarkProcessedAsync(context)) return;
        var e = context.Message;
        session.Events.Append(e.EntryId, new EntryListed(e.EntryId, e.OrganizationId, e.Title, e.Port, e.Authors ?? [], e.SubmittedAt, e.CampaignId, e.CategoryId));
        await session.SaveChangesAsync(context.CancellationToken);
    }
}

public sealed class EntryListingRecorderDefinition : ConsumerDefinition<EntryListingRecorder>
{
    public EntryListingRecorderDefinition() => ConcurrentMessageLimit = 16;
}
