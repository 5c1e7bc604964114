using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

namespace Campaign.Engagement.Entries;

/// <summary>A timestamped snapshot of one platform's figures for one entry (views, likes…).</summary>
public sealed record FiguresReported(Guid EntryId, string PlatformId, IReadOnlyDictionary<string, long> Figures, string ReportedBy, DateTimeOffset ReportedAt);

/// <summary>A published entry with the latest snapshot from each platform it is on.</summary>
public sealed record EngagementEntry(
    Guid Id,
    string CampaignId,
    string CategoryId,
    IReadOnlyList<string> Platforms,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> LatestByPlatform,
    bool Excluded = false,
    decimal? Score = null)
{
    public static EngagementEntry Create(EntryPublished e) =>
        new(e.EntryId, e.CampaignId, e.CategoryId, [e.PlatformId], new Dictionary<string, IReadOnlyDictionary<string, long>>());

    public EngagementEntry Apply(EntryPublished e) => this with { Platforms = [.. Platforms.Union([e.PlatformId])] };

    public EngagementEntry Apply(FiguresReported e) => this with
    {
        LatestByPlatform = new Dictionary<string, IReadOnlyDictionary<string, long>>(LatestByPlatform) { [e.PlatformId] = e.Figures },
    };

    public EngagementEntry Apply(EntryDisqualified _) => this with { Excluded = true };
    public EngagementEntry Apply(EngagementScored e) => this with { Score = e.Score };

    /// <summary>Each figure summed over the platforms' latest snapshots.</summary>
    public IReadOnlyDictionary<string, long> Totals() =>
        LatestByPlatform.Values.SelectMany(f => f).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
}

public sealed class PublicationRecorder(IDocumentSession session) : IConsumer<EntryPublished>, IConsumer<EntryDisqualified>
{
    public Task Consume(ConsumeContext<EntryPublished> context) => session.AppendOnceAsync(context, context.Message.EntryId);

    public async Task Consume(ConsumeContext<EntryDisqualified> context)
    {
        // Only entries that were published have an engagement stream to close.
        if (await session.LoadAsync<EngagementEntry>(context.Message.EntryId, context.CancellationToken) is null) return;
        await session.AppendOnceAsync(context, context.Message.EntryId);
    }
}
