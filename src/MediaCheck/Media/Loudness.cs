using System.Globalization;
using System.Text.RegularExpressions;

namespace Campaign.MediaCheck.Media;

/// <summary>EBU R128 integrated loudness and true peak, from ffmpeg's ebur128 summary (V4).</summary>
public sealed partial record Loudness(double IntegratedLufs, double TruePeakDbtp)
{
    public static Loudness? Parse(string ffmpegErrors)
    {
        var summary = ffmpegErrors.LastIndexOf("Summary:", StringComparison.Ordinal);
        if (summary < 0) return null;
        var text = ffmpegErrors[summary..];
        var i = Integrated().Match(text);
        var p = Peak().Match(text);
        return i.Success ? new Loudness(Number(i.Groups[1].Value), p.Success ? Number(p.Groups[1].Value) : double.NegativeInfinity) : null;
    }

    private static double Number(string s) => s == "-inf" ? double.NegativeInfinity : double.Parse(s, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"I:\s+(-?inf|-?[\d.]+) LUFS")]
    private static partial Regex Integrated();

    [GeneratedRegex(@"Peak:\s+(-?inf|-?[\d.]+) dBFS")]
    private static partial Regex Peak();
}
