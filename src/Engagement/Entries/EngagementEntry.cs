using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.Engagement.Snapshots;

namespace Campaign.Engagement.Entries;

/// <summary>
/// E1: a snapshot of one platform's figures for one entry (views, likes…), as the platform counted
/// them at <see cref="ReportedAt"/> (the moment the figures describe, not when they arrived).
/// Immutable: the same platform, entry and moment is the same snapshot.
/// </summary>
public sealed record FiguresReported(Guid EntryId, string PlatformId, IReadOnlyDictionary<string, long> Figures, string ReportedBy, DateTimeOffset ReportedAt);

/// <summary>
/// E1: the snapshots one batch recorded (a feed's post, a spreadsheet, a connector's poll) — the
/// record of every snapshot, each also a row of <see cref="SnapshotTable"/> written in the same
/// transaction. In a stream of its own per batch, so that busy batches never wait on each other's
/// streams; the entries' streams keep what changes an entry (publication, exclusion, score).
/// </summary>
public sealed record SnapshotsRecorded(string PlatformId, string Source, IReadOnlyList<FiguresReported> Snapshots);

/// <summary>
/// E1: an organizer's decision, with who and why, that a platform's figures of an entry from
/// <see cref="From"/> onward do not count (a flag's evidence names the signal and the moment).
/// </summary>
public sealed record FiguresExcluded(Guid EntryId, string PlatformId, string Signal, DateTimeOffset From, string Reason, string ExcludedBy, DateTimeOffset ExcludedAt);

/// <summary>
/// An entry as engagement knows it: where it is published, every snapshot of its figures (one per
/// platform and moment, in time order), the figures organizers excluded, and whether it left the
/// campaign. Publication, exclusion and snapshots arrive in any order; the state is the same for
/// the same facts (C1, DESIGN.md). What counts is decided by <see cref="Counting"/>.
/// </summary>
public sealed record EngagementEntry(
    Guid Id,
    string CampaignId,
    string CategoryId,
    IReadOnlyList<string> Platforms,
    bool Excluded = false,
    decimal? Score = null,
    IReadOnlyList<FiguresExcluded>? Exclusions = null)
{
    /// <summary>
    /// The snapshots, as the stream's events fold them (<see cref="WithSnapshot"/>). Not stored with the entry's document: each is
    /// a row of <see cref="SnapshotTable"/>, so an append writes its rows, not the whole history again;
    /// read the entry with <see cref="SnapshotTable.WithSnapshotsAsync(Marten.IQuerySession, IReadOnlyList{EngagementEntry}, CancellationToken, string?)"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<FiguresReported> Snapshots { get; init; } = [];

    public static EngagementEntry Create(EntryPublished e) => New(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);
    public static EngagementEntry Create(EntryWithdrawn e) => New(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);
    public static EngagementEntry Create(EntryDisqualified e) => New(e.EntryId, e.CampaignId, e.CategoryId).Apply(e);

    private static EngagementEntry New(Guid id, string campaignId, string categoryId) => new(id, campaignId, categoryId, []);

    public bool Published => Platforms.Count > 0;

    public EngagementEntry Apply(EntryPublished e) =>
        Platforms.Contains(e.PlatformId) ? this : this with { Platforms = [.. Platforms.Append(e.PlatformId).Order(StringComparer.Ordinal)] };

    /// <summary>
    /// A snapshot joins the history in its place by platform and time. Of two for the same moment
    /// (the API refuses the second; a stored duplicate can only come from older data) the larger
    /// counts stay, then a fixed order of their figures: either arrival order keeps the same one.
    /// Not named Apply on purpose: Marten folds the Apply methods into the stored document inline,
    /// and a stream that received only snapshots is then not rewritten (their rows are in <see cref="SnapshotTable"/>).
    /// </summary>
    public EngagementEntry WithSnapshot(FiguresReported e)
    {
        if (SnapshotAt(e.PlatformId, e.ReportedAt) is { } same)
        {
            if (!Supersedes(e.Figures, same.Figures)) return this;
            return this with { Snapshots = [.. Snapshots.Select(s => s == same ? e : s)] };
        }
        return this with
        {
            Snapshots = [.. Snapshots.Append(e).OrderBy(s => s.PlatformId, StringComparer.Ordinal).ThenBy(s => s.ReportedAt)],
        };
    }

    public EngagementEntry Apply(FiguresExcluded e) =>
        Exclusions?.Any(x => x.PlatformId == e.PlatformId && x.Signal == e.Signal && x.From == e.From) == true
            ? this
            : this with { Exclusions = [.. (Exclusions ?? []).Append(e).OrderBy(x => x.PlatformId, StringComparer.Ordinal).ThenBy(x => x.From).ThenBy(x => x.Signal, StringComparer.Ordinal)] };

    /// <summary>C1: a work that left is no longer scored, whether it left before the closing or after (<see cref="Closing.Rescoring"/>).</summary>
    public EngagementEntry Apply(EntryWithdrawn _) => this with { Excluded = true, Score = null };
    public EngagementEntry Apply(EntryDisqualified _) => this with { Excluded = true, Score = null };
    public EngagementEntry Apply(EngagementScored e) => this with { Score = e.Score };

    public FiguresReported? SnapshotAt(string platformId, DateTimeOffset at) =>
        Snapshots.FirstOrDefault(s => s.PlatformId == platformId && s.ReportedAt == at);

    private static bool Supersedes(IReadOnlyDictionary<string, long> figures, IReadOnlyDictionary<string, long> current) =>
        figures.Values.Sum() != current.Values.Sum() ? figures.Values.Sum() > current.Values.Sum()
        : string.CompareOrdinal(Canonical(figures), Canonical(current)) > 0;

    private static string Canonical(IReadOnlyDictionary<string, long> figures) =>
        string.Join(";", figures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value:D20}"));

    /// <summary>Each figure summed over the platforms' counted snapshots (no cutoff).</summary>
    public IReadOnlyDictionary<string, long> Totals() =>
        Counting.Of(this, cutoff: null).SelectMany(p => p.Counted?.Figures ?? new Dictionary<string, long>())
            .GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
}
