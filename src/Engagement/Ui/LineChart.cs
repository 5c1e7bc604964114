using System.Globalization;
using Campaign.Engagement.Snapshots;

namespace Campaign.Engagement.Ui;

/// <summary>One snapshot on the chart, where it is drawn.</summary>
public sealed record ChartMark(string X, string Y, SnapshotView Snapshot, long Value);

/// <summary>A platform's line: solid through the snapshots that count, dashed on through those that
/// do not (excluded, after the cutoff); a decreasing snapshot is a mark off the line.</summary>
public sealed record ChartLine(string PlatformId, int Colour, string Counted, string? Uncounted, IReadOnlyList<ChartMark> Marks);

public sealed record ChartTick(string At, string Label);

/// <summary>
/// One figure of a work over time, a line per platform, laid out on the server for an inline SVG:
/// the page needs no script, and the chart prints and screenshots as it shows.
/// </summary>
public sealed record LineChart(string Figure, IReadOnlyList<ChartLine> Lines, IReadOnlyList<ChartTick> Times, IReadOnlyList<ChartTick> Values, string? Cutoff)
{
    /// <summary>How many series colours the stylesheet has (<c>.p0</c> to <c>.p5</c>).</summary>
    public const int Colours = 6;
    public const int Width = 720, Height = 240, Left = 64, Right = 40, Top = 12, Bottom = 28;

    /// <summary>The chart of <paramref name="figure"/>, or null when no snapshot has it; the cutoff is drawn when it falls among the snapshots.</summary>
    public static LineChart? Of(string figure, IReadOnlyList<PlatformHistory> platforms, DateTimeOffset cutoff, TimeZoneInfo zone)
    {
        var all = platforms.SelectMany(p => p.Snapshots).Where(s => s.Figures.ContainsKey(figure)).ToList();
        if (all.Count == 0) return null;
        var start = all.Min(s => s.TakenAt);
        var span = Math.Max((all.Max(s => s.TakenAt) - start).TotalHours, 1);
        var top = NiceCeiling(all.Max(s => s.Figures[figure]));
        double X(DateTimeOffset at) => Left + (Width - Left - Right) * (at - start).TotalHours / span;
        double Y(double value) => Top + (Height - Top - Bottom) * (1 - value / top);

        var lines = platforms.Select((p, i) =>
        {
            var marks = p.Snapshots.Where(s => s.Figures.ContainsKey(figure))
                .Select(s => new ChartMark(F(X(s.TakenAt)), F(Y(s.Figures[figure])), s, s.Figures[figure])).ToList();
            var onLine = marks.Where(m => m.Snapshot.State != SnapshotState.Decreasing).ToList();
            var counted = onLine.TakeWhile(m => m.Snapshot.State == SnapshotState.Applied).ToList();
            var rest = onLine.Skip(counted.Count).ToList();
            return new ChartLine(p.PlatformId, i % Colours, Points(counted), rest.Count == 0 ? null : Points([.. counted.TakeLast(1), .. rest]), marks);
        }).Where(l => l.Marks.Count > 0).ToList();

        var times = Enumerable.Range(0, 5).Select(k => start.AddHours(span * k / 4))
            .Select(at => new ChartTick(F(X(at)), TimeZoneInfo.ConvertTime(at, zone).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture))).ToList();
        var values = Enumerable.Range(0, 5).Select(k => top * k / 4)
            .Select(v => new ChartTick(F(Y(v)), v.ToString("N0", CultureInfo.InvariantCulture))).ToList();
        var cutoffX = X(cutoff);
        return new LineChart(figure, lines, times, values, cutoffX >= Left && cutoffX <= Width - Right ? F(cutoffX) : null);
    }

    /// <summary>A round number at or above <paramref name="max"/> whose quarters are round too: the gridlines'.</summary>
    private static double NiceCeiling(long max)
    {
        if (max <= 0) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return new[] { 1, 1.2, 1.6, 2, 2.5, 3, 4, 5, 6, 8, 10 }.Select(m => m * power).First(v => v >= max);
    }

    private static string Points(IEnumerable<ChartMark> marks) => string.Join(' ', marks.Select(m => $"{m.X},{m.Y}"));

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
