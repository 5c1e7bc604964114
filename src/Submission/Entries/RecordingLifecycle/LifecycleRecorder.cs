using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

namespace Campaign.Submission.Entries.RecordingLifecycle;

/// <summary>
/// Appends what other services decide about an entry to that entry's stream, so its history is
/// the whole lifecycle in one place. Idempotent on the message id.
/// </summary>
public sealed class LifecycleRecorder(IDocumentSession session) :
    IConsumer<MediaChecked>, IConsumer<EntryReviewed>, IConsumer<EntryPublished>,
    IConsumer<EntryJudged>, IConsumer<EngagementScored>, IConsumer<AwardsAllocated>
{
    public Task Consume(ConsumeContext<MediaChecked> context) => session.AppendOnceAsync(context, context.Message.EntryId);
    public Task Consume(ConsumeContext<EntryReviewed> context) => session.AppendOnceAsync(context, context.Message.EntryId);
    public Task Consume(ConsumeContext<EntryPublished> context) => session.AppendOnceAsync(context, context.Message.EntryId);
    public Task Consume(ConsumeContext<EntryJudged> context) => session.AppendOnceAsync(context, context.Message.EntryId);
    public Task Consume(ConsumeContext<EngagementScored> context) => session.AppendOnceAsync(context, context.Message.EntryId);

    public async Task Consume(ConsumeContext<AwardsAllocated> context)
    {
        if (!await session.TryMarkProcessedAsync(context)) return;
        var allocation = context.Message;
        foreach (var result in allocation.Results)
            session.Events.Append(result.EntryId, new AwardDecided(result.EntryId, allocation.AllocationId, result.Rank,
                result.FinalScore, result.TierId, result.TierName, allocation.AllocatedAt));
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
