using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

namespace Campaign.Awards.Allocation;

/// <summary>
/// Lists each submitted entry (its organization, title, authors) in the entry's own stream, for the
/// results, the cap report and the certificates (<see cref="CategoryRecord.ListedAsync"/>). On a queue
/// of its own, in batches: listings of different entries never race, while the category's facts are
/// taken one at a time (<see cref="CategoryResultsRecorderDefinition"/>) — on deadline day the
/// listings queued behind each other there by thousands (docs/benchmarks.md).
/// </summary>
public sealed class EntryListingRecorder(IDocumentSession session) : IConsumer<Batch<EntrySubmitted>>
{
    public Task Consume(ConsumeContext<Batch<EntrySubmitted>> context) =>
        session.AppendOnceAsync(context.Message, e => [(e.EntryId,
            new EntryListed(e.EntryId, e.OrganizationId, e.Title, e.Port, e.Authors ?? [], e.SubmittedAt, e.CampaignId, e.CategoryId))], context.CancellationToken);
}

public sealed class EntryListingRecorderDefinition : BatchRecorderDefinition<EntryListingRecorder>;
