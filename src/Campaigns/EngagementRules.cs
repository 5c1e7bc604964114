namespace Campaign.Campaigns;

/// <summary>
/// P1, E1: a publishing platform. <see cref="Cadence"/> is how often its figures are refreshed:
/// "continuous" (a feed posts as it counts) or "daily" (Douyin's open platform: yesterday's figures,
/// available the next day); <see cref="ReportingLagHours"/> is how long after a moment its figures
/// for that moment can arrive. Closing waits for the slowest platform of a category after its cutoff.
/// <see cref="CsvColumns"/> maps the fields of a snapshot (<c>entryId</c> or <c>url</c>, <c>takenAt</c>,
/// and the figures of <c>engagement.weights</c>) to the headers of the platform's spreadsheet export;
/// a field not mapped is looked for under its own name.
/// </summary>
public sealed record Platform(string Id, string Name, string Cadence = PlatformCadences.Continuous, int ReportingLagHours = 0,
    IReadOnlyDictionary<string, string>? CsvColumns = null)
{
    /// <summary>The span one snapshot of this platform covers: an hour for a continuous feed, a day for a daily one.</summary>
    public TimeSpan Interval => Cadence == PlatformCadences.Daily ? TimeSpan.FromDays(1) : TimeSpan.FromHours(1);
}

public static class PlatformCadences
{
    public const string Continuous = "continuous";
    public const string Daily = "daily";
    public static readonly IReadOnlyList<string> All = [Continuous, Daily];
}

/// <summary>
/// E1: raw figures → 0–100. Each figure is weighted, summed, and scaled so the category's top
/// entry scores 100 ("relative-to-top"); "log" scaling damps a single viral entry.
/// </summary>
public sealed record EngagementFormula
{
    public required string Version { get; init; }
    public required IReadOnlyDictionary<string, decimal> Weights { get; init; }
    /// <summary>Per platform, a multiplier of a figure's weight (default 1): a view in an autoplaying
    /// feed is not worth a view someone clicked for. docs/campaigns.md gives the defaults' reasoning.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> PlatformWeights { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, decimal>>();
    public string Scaling { get; init; } = "log";
    public EngagementSignals Signals { get; init; } = new();

    /// <summary>The weight of one unit of <paramref name="figure"/> on <paramref name="platform"/>.</summary>
    public decimal WeightOf(string platform, string figure) =>
        Weights.GetValueOrDefault(figure) * (PlatformWeights.GetValueOrDefault(platform)?.GetValueOrDefault(figure) ?? 1m);
}

/// <summary>
/// Beyond the notice: the thresholds at which figures are flagged to organizers as possibly
/// manipulated. A flag never changes a score by itself; an organizer decides (E1).
/// </summary>
public sealed record EngagementSignals
{
    /// <summary>Growth: an entry's fastest views per hour on a platform is this many times the category's median there…</summary>
    public decimal GrowthFactor { get; init; } = 10;
    /// <summary>…and at least this many views in that interval.</summary>
    public long MinGrowth { get; init; } = 1000;
    /// <summary>Ratio: likes per view this many times above or below the platform's median in the category…</summary>
    public decimal RatioFactor { get; init; } = 5;
    /// <summary>…for an entry with at least this many views there.</summary>
    public long MinViewsForRatio { get; init; } = 200;
    /// <summary>Burst: at least this share of an entry's counted views on a platform came in the last window before the cutoff…</summary>
    public decimal BurstShare { get; init; } = 0.5m;
    /// <summary>…and at least this many views.</summary>
    public long MinBurst { get; init; } = 1000;
}
