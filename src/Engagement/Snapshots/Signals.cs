using System.Globalization;
using Campaign.Campaigns;
using Campaign.Engagement.Entries;

namespace Campaign.Engagement.Snapshots;

/// <summary>
/// A sign that figures may be manipulated, with its evidence: the numbers it rests on and, from
/// <see cref="From"/> on, the figures an organizer may exclude. A flag never changes a score itself.
/// </summary>
public sealed record FiguresFlag(Guid EntryId, string PlatformId, string Signal, DateTimeOffset From, string Chinese, string English,
    IReadOnlyDictionary<string, decimal> Evidence, bool Excluded = false);

/// <summary>
/// E1, beyond the notice: three signals over a category's snapshots, each measured against the
/// category's other entries on the same platform (leave-one-out medians, so one outlier does not
/// hide itself), with thresholds from <see cref="EngagementSignals"/>, and windows sized by each
/// platform's cadence. Pure and order-independent: the same snapshots give the same flags.
/// <list type="bullet">
/// <item><c>growth</c>: the fastest views per hour between two snapshots, far above the others' fastest.</item>
/// <item><c>ratio</c>: likes per view far above or below the others' on the platform (bought likes, bought views).</item>
/// <item><c>burst</c>: most of the counted views arrived in the last window before the cutoff, far faster than the work gained them before.</item>
/// </list>
/// </summary>
public static class Signals
{
    public const string Growth = "growth", Ratio = "ratio", Burst = "burst";

    public static IReadOnlyList<FiguresFlag> Detect(CampaignDefinition campaign, IReadOnlyList<EngagementEntry> entries, DateTimeOffset cutoff)
    {
        var t = campaign.Engagement.Signals;
        var applied = entries
            .SelectMany(e => Counting.Of(e with { Exclusions = null }, cutoff).Select(p => (Entry: e, p.PlatformId,
                Snapshots: p.Snapshots.Where(s => s.State == SnapshotState.Applied).ToList())))
            .Where(x => x.Snapshots.Count > 0)
            .ToList();
        var flags = new List<FiguresFlag>();
        foreach (var platform in applied.GroupBy(x => x.PlatformId))
        {
            var interval = campaign.Platforms.FirstOrDefault(p => p.Id == platform.Key)?.Interval ?? TimeSpan.FromHours(1);
            var peaks = platform.Select(x => (x.Entry, Peak: PeakGrowth(x.Snapshots, interval))).Where(x => x.Peak is not null).ToList();
            foreach (var (entry, peak) in peaks)
            {
                var (from, views, hours) = peak!.Value;
                var others = Median(peaks.Where(p => p.Entry.Id != entry.Id).Select(p => p.Peak!.Value.Views / p.Peak.Value.Hours));
                var rate = views / hours;
                if (others is { } m && views >= t.MinGrowth && rate > t.GrowthFactor * m)
                    flags.Add(Flag(entry, platform.Key, Growth, from,
                        $"截至 {Time(from, campaign.Zone)} 的 {hours:0.#} 小时内浏览量增加 {views:0}（每小时 {rate:0}），是本类别其他作品在此平台最快增速中位数（每小时 {m:0}）的 {rate / Math.Max(m, 0.01m):0.#} 倍。",
                        $"Views grew by {views:0} in {hours:0.#} hours up to {Time(from, campaign.Zone)} ({rate:0}/h), {rate / Math.Max(m, 0.01m):0.#}× the median fastest growth of the category's other works here ({m:0}/h).",
                        ("views", views), ("hours", hours), ("viewsPerHour", rate), ("othersMedianPerHour", m)));
            }

            var ratios = platform.Select(x => (x.Entry, First: x.Snapshots[0].TakenAt, Last: x.Snapshots[^1].Figures))
                .Where(x => x.Last.GetValueOrDefault("views") >= Math.Max(1, t.MinViewsForRatio) && x.Last.ContainsKey("likes"))
                .Select(x => (x.Entry, x.First, Ratio: (decimal)x.Last["likes"] / x.Last["views"], Views: x.Last["views"], Likes: x.Last["likes"]))
                .ToList();
            foreach (var r in ratios)
            {
                if (Median(ratios.Where(o => o.Entry.Id != r.Entry.Id).Select(o => o.Ratio)) is not { } m || m <= 0) continue;
                if (r.Ratio > t.RatioFactor * m || r.Ratio < m / t.RatioFactor)
                    flags.Add(Flag(r.Entry, platform.Key, Ratio, r.First,
                        $"点赞 {r.Likes} / 浏览 {r.Views} = {r.Ratio:P1}，本类别其他作品在此平台的中位数为 {m:P1}。",
                        $"{r.Likes} likes / {r.Views} views = {r.Ratio:P1}; the median of the category's other works here is {m:P1}.",
                        ("likes", r.Likes), ("views", r.Views), ("likesPerView", r.Ratio), ("othersMedianLikesPerView", m)));
            }

            var window = interval > TimeSpan.FromDays(1) ? interval : TimeSpan.FromDays(1);
            foreach (var x in platform)
            {
                var start = cutoff - window;
                if (x.Snapshots.LastOrDefault(s => s.TakenAt <= start) is not { } before
                    || x.Snapshots.FirstOrDefault(s => s.TakenAt > start) is not { } firstIn) continue;
                var total = x.Snapshots[^1].Figures.GetValueOrDefault("views");
                var burst = total - before.Figures.GetValueOrDefault("views");
                // Against the entry's own pace before the window: a steady work gains as fast in the last day as before it.
                var earlierHours = (decimal)Math.Max((before.TakenAt - x.Snapshots[0].TakenAt).TotalHours, interval.TotalHours);
                var earlierRate = before.Figures.GetValueOrDefault("views") / earlierHours;
                var rate = burst / (decimal)window.TotalHours;
                if (burst >= t.MinBurst && burst >= t.BurstShare * total && rate > t.GrowthFactor * earlierRate)
                    flags.Add(Flag(x.Entry, platform.Key, Burst, firstIn.TakenAt,
                        $"截止前 {window.TotalHours:0} 小时内浏览量增加 {burst}，占计入浏览量 {total} 的 {(decimal)burst / total:P0}；每小时 {rate:0}，此前每小时 {earlierRate:0}。",
                        $"{burst} of the {total} counted views ({(decimal)burst / total:P0}) came in the {window.TotalHours:0} hours before the cutoff: {rate:0}/h against {earlierRate:0}/h before.",
                        ("views", burst), ("countedViews", total), ("windowHours", (decimal)window.TotalHours), ("viewsPerHour", rate), ("earlierViewsPerHour", earlierRate)));
            }
        }
        return flags.OrderBy(f => f.EntryId).ThenBy(f => f.PlatformId, StringComparer.Ordinal).ThenBy(f => f.Signal, StringComparer.Ordinal).ToList();
    }

    /// <summary>The interval of fastest view growth: it ends at <c>To</c>; hours at least the platform's interval.</summary>
    private static (DateTimeOffset To, decimal Views, decimal Hours)? PeakGrowth(IReadOnlyList<SnapshotView> snapshots, TimeSpan interval) =>
        snapshots.Zip(snapshots.Skip(1), (a, b) => (To: b.TakenAt, Views: (decimal)(b.Figures.GetValueOrDefault("views") - a.Figures.GetValueOrDefault("views")),
                Hours: (decimal)Math.Max((b.TakenAt - a.TakenAt).TotalHours, interval.TotalHours)))
            .OrderByDescending(g => g.Views / g.Hours).ThenBy(g => g.To)
            .Select(g => ((DateTimeOffset, decimal, decimal)?)g).FirstOrDefault();

    private static decimal? Median(IEnumerable<decimal> values)
    {
        var v = values.Order().ToList();
        return v.Count == 0 ? null : v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }

    private static string Time(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    private static FiguresFlag Flag(EngagementEntry entry, string platform, string signal, DateTimeOffset from, string chinese, string english,
        params (string Name, decimal Value)[] evidence) =>
        new(entry.Id, platform, signal, from, chinese, english, evidence.ToDictionary(e => e.Name, e => Math.Round(e.Value, 4)),
            entry.Exclusions?.Any(x => x.PlatformId == platform && x.Signal == signal) == true);
}
