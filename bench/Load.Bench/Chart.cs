using System.Globalization;
using System.Text;

namespace Campaign.Load.Bench;

/// <summary>The day as a picture: the messages waiting in the broker's queues, and each service's CPU, over time.</summary>
public static class Chart
{
    private const int Width = 980, Panel = 180, Left = 60, Right = 260, Top = 30, Gap = 50;
    private static readonly string[] Colours = ["#2f5d8a", "#e0a040", "#4a9a5b", "#b03a48", "#7b5ea7", "#444"];

    public static string Draw(IReadOnlyList<Sample> samples, double submittingSeconds)
    {
        var end = Math.Max(1, samples.Count > 0 ? samples[^1].At : 1);
        double X(double at) => Left + (Width - Left - Right) * at / end;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Top + 2 * Panel + Gap + 40}" font-family="sans-serif" font-size="11">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="100%" height="100%" fill="#fff"/>""");

        var queues = samples.SelectMany(s => s.Queues).GroupBy(q => q.Key).OrderByDescending(g => g.Max(x => x.Value)).Take(5).Select(g => g.Key).ToList();
        var queueMax = Math.Max(1, samples.SelectMany(s => s.Queues.Values).DefaultIfEmpty(0).Max());
        Series(svg, "messages waiting per queue", Top, queueMax, queues.Select(q => (q, samples.Select(s => (s.At, (double)s.Queues.GetValueOrDefault(q))).ToList())).ToList(), X, submittingSeconds);

        var services = samples.SelectMany(s => s.Services.Keys).Distinct().Order().ToList();
        var cpuMax = Math.Max(100, samples.SelectMany(s => s.Services.Values).Select(v => v.CpuPercent).DefaultIfEmpty(0).Max());
        Series(svg, "CPU per service, % of one core", Top + Panel + Gap, cpuMax,
            services.Select(n => (n, samples.Where(s => s.Services.ContainsKey(n)).Select(s => (s.At, s.Services[n].CpuPercent)).ToList())).ToList(), X, submittingSeconds);
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{Top + 2 * Panel + Gap + 30}">seconds since the first submission (the dashed line: the last submission answered)</text>""");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Series(StringBuilder svg, string title, double top, double max, List<(string Name, List<(double At, double Value)> Points)> series,
        Func<double, double> x, double submittingSeconds)
    {
        double Y(double v) => top + Panel - Panel * v / max;
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{top - 8}" font-weight="bold">{title}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{top + Panel}" x2="{Width - Right}" y2="{top + Panel}" stroke="#999"/><line x1="{Left}" y1="{top}" x2="{Left}" y2="{top + Panel}" stroke="#999"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 6}" y="{top + 4}" text-anchor="end">{max:N0}</text><text x="{Left - 6}" y="{top + Panel}" text-anchor="end">0</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{x(submittingSeconds):F1}" y1="{top}" x2="{x(submittingSeconds):F1}" y2="{top + Panel}" stroke="#999" stroke-dasharray="4 3"/>""");
        for (var i = 0; i < series.Count; i++)
        {
            var (name, points) = series[i];
            var colour = Colours[i % Colours.Length];
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{x(p.At):F1},{Y(p.Value):F1}")))}"/>""");
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Width - Right + 8}" y="{top + 14 + 14 * i}" fill="{colour}">{System.Security.SecurityElement.Escape(name)}</text>""");
        }
    }
}
