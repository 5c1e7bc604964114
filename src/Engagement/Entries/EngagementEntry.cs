using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Marten;
using MassTransit;

namespace Campaign.Engagement.Entries;

/// <summary>A timestamped snapshot of one platform's figures for one entry (views, likes…).</summary>
public sealed record FiguresReported(Guid EntryId, string PlatformId, IReadOnlyDictionary<string, long> Figures, string ReportedBy, DateTimeOffset ReportedAt);

/// <summary>
/// An entry as engagement knows it: where it is published, the newest snapshot (by the time it was
/// taken) from each platform, and whether it left the campaign. Publication and exclusion arrive on
/// separate queues, so either may come first; an exclusion is kept whenever it comes (C1).
/// </summary>
public sealed record EngagementEntry(
    Guid Id,
    string CampaignId,
    string CategoryId,
    IReadOnlyList<string> Platforms,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> LatestByPlatform,
    bool Excluded = false,
    decimal? Score = null,
    IReadOnlyDictionary<string, DateTimeOffset>? LatestAt = null)
{
    /// <summary>The stream's version, set by Marten: closing appends to many entries at once, each checked against it.</summary>
    public long Version { get; set; }

    public static EngagementEntry Create(EntryPublished e) => New(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);
    public static EngagementEntry Create(EntryWithdrawn e) => New(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);
    public static EngagementEntry Create(EntryDisqualified e) => New(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);

    private static EngagementEntry New(Guid id, string campaignId, string categoryId) =>
        new(id, campaignId, categoryId, [], new Dictionary<string, IReadOnlyDictionary<string, long>>());

    public bool Published => Platforms.Count > 0;

    public EngagementEntry Apply(EntryPublished e) =>
        Platforms.Contains(e.PlatformId) ? this : this with { Platforms = [.. Platforms.Append(e.PlatformId).Order(StringComparer.Ordinal)] };

    /// <summary>E1: a snapshot replaces its platform's figures only if it was taken later; a late, older one stays in the stream unused.</summary>
    public EngagementEntry Apply(FiguresReported e)
    {
        if (LatestByPlatform.TryGetValue(e.PlatformId, out var current) && LatestAt?.GetValueOrDefault(e.PlatformId) is { } at
            && !Supersedes(e.ReportedAt, e.Figures, at, current))
            return this;
        return this with
        {
            LatestByPlatform = new Dictionary<string, IReadOnlyDictionary<string, long>>(LatestByPlatform) { [e.PlatformId] = e.Figures },
            LatestAt = new Dictionary<string, DateTimeOffset>(LatestAt ?? new Dictionary<string, DateTimeOffset>()) { [e.PlatformId] = e.ReportedAt },
        };
    }

    // Of two snapshots taken at the same instant the larger counts (a platform's counts only grow),
    // then an arbitrary but fixed order of their figures: either arrival order keeps the same one.
    private static bool Supersedes(DateTimeOffset at, IReadOnlyDictionary<string, long> figures, DateTimeOffset currentAt, IReadOnlyDictionary<string, long> current) =>
        at != currentAt ? at > currentAt
        : figures.Values.Sum() != current.Values.Sum() ? figures.Values.Sum() > current.Values.Sum()
        : string.CompareOrdinal(Canonical(figures), Canonical(current)) > 0;

    private static string Canonical(IReadOnlyDictionary<string, long> figures) =>
        string.Join(";", figures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value:D20}"));

    public EngagementEntry Apply(EntryWithdrawn _) => this with { Excluded = true };
    public EngagementEntry Apply(EntryDisqualified _) => this with { Excluded = true };
    public EngagementEntry Apply(EngagementScored e) => this with { Score = e.Score };

    /// <summary>Each figure summed over the platforms' latest snapshots.</summary>
    public IReadOnlyDictionary<string, long> Totals() =>
        LatestByPlatform.Values.SelectMany(f => f).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
}

/// <summary>
/// Keeps what engagement needs to know of an entry from other services: its publications and its
/// exclusion (C1), in either order — an exclusion of an entry not yet published starts its stream.
/// </summary>
public sealed class PublicationRecorder(IDocumentSession session) :
    IConsumer<EntryPublished>, IConsumer<EntryWithdrawn>, IConsumer<EntryDisqualified>
{
    public Task Consume(ConsumeContext<EntryPublished> context) => session.AppendOnceAsync(context, context.Message.EntryId);
    public Task Consume(ConsumeContext<EntryWithdrawn> context) => session.AppendOnceAsync(context, context.Message.EntryId);
    public Task Consume(ConsumeContext<EntryDisqualified> context) => session.AppendOnceAsync(context, context.Message.EntryId);
}
