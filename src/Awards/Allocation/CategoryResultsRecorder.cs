using Campaign.Campaigns;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Awards.Certificates;
using Campaign.Awards.Sealing;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

namespace Campaign.Awards.Allocation;

/// <summary>
/// Records every fact awards depend on in the category's stream and allocates in the same
/// transaction once the category is ready — again when an allocated entry is excluded (C1) — and
/// seals each allocation over the record behind it; where certificates were issued, a new allocation
/// re-issues them (A3).
/// Version-checked: two facts of one category arriving at
/// once conflict, and the loser is retried.
/// </summary>
public sealed class CategoryResultsRecorder(IDocumentSession session, CampaignCatalog campaigns, TimeProvider clock) :
    IConsumer<EntryJudged>, IConsumer<EngagementScored>, IConsumer<JudgingClosed>, IConsumer<EngagementClosed>,
    IConsumer<EntryDisqualified>, IConsumer<EntryWithdrawn>
{
    public Task Consume(ConsumeContext<EntryJudged> context) => Record(context, context.Message.CampaignId, context.Message.CategoryId);
    public Task Consume(ConsumeContext<EngagementScored> context) => Record(context, context.Message.CampaignId, context.Message.CategoryId);
    public Task Consume(ConsumeContext<JudgingClosed> context) => Record(context, context.Message.CampaignId, context.Message.CategoryId);
    public Task Consume(ConsumeContext<EngagementClosed> context) => Record(context, context.Message.CampaignId, context.Message.CategoryId);
    public Task Consume(ConsumeContext<EntryDisqualified> context) => Record(context, context.Message.CampaignId, context.Message.CategoryId);
    public Task Consume(ConsumeContext<EntryWithdrawn> context) => Record(context, context.Message.CampaignId, context.Message.CategoryId);

    private async Task Record<T>(ConsumeContext<T> context, string campaignId, string categoryId) where T : class
    {
        if (!await session.TryMarkProcessedAsync(context)) return;
        var streamId = StreamIds.ForCategory(campaignId, categoryId);
        var events = await session.Events.FetchStreamAsync(streamId, token: context.CancellationToken);
        var now = clock.GetUtcNow();
        var campaign = campaigns.Find(campaignId) ?? throw new PoisonMessageException($"{typeof(T).Name} names unknown campaign {campaignId}");
        var toAppend = AwardAllocation.Record(campaign, CategoryResults.From(events.Select(e => e.Data)), context.Message, Guid.CreateVersion7(), now).ToList();
        // The sealed record: an allocation is sealed in the same transaction, over every event behind it.
        if (toAppend.OfType<AwardsAllocated>().SingleOrDefault() is { } allocated)
        {
            toAppend.Add(ResultsRecord.Seal(campaignId, categoryId, [.. events.Select(e => e.Data), .. toAppend], allocated.AllocationId, now));
            // A3, C1: where certificates were issued, the new allocation re-issues them in the same transaction.
            var listed = await CategoryRecord.ListedAsync(session, campaignId, categoryId, context.CancellationToken);
            toAppend.AddRange(CertificateIssuance.Reissue(campaign, CategoryResults.From([.. listed, .. events.Select(e => e.Data), .. toAppend]), now));
        }
        if (events.Count == 0) session.Events.StartStream(streamId, toAppend.ToArray());
        else session.Events.Append(streamId, events[^1].Version + toAppend.Count, toAppend.ToArray());
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
