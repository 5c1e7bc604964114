namespace Campaign.MediaCheck.Media;

/// <summary>
/// V6 signal: a corner that stays the same across sampled frames while the picture moves, and is
/// textured rather than flat (a logo or watermark, not a letterbox bar). Works on small grayscale
/// frames (<see cref="Width"/> × <see cref="Height"/>).
/// </summary>
public static class StaticRegions
{
    public const int Width = 128;
    public const int Height = 72;
    private const int BlockWidth = Width / 4, BlockHeight = Height / 4;

    public static readonly string[] Corners = ["top-left", "top-right", "bottom-left", "bottom-right"];

    /// <summary>The corners that look like an overlay, or an empty list; null when too few frames were sampled to judge.</summary>
    public static IReadOnlyList<string>? Find(IReadOnlyList<byte[]> frames)
    {
        if (frames.Count < 3) return null;
        var n = Width * Height;
        var mean = new double[n];
        var deviation = new double[n];
        for (var p = 0; p < n; p++)
        {
            double sum = 0, squares = 0;
            foreach (var f in frames) { sum += f[p]; squares += f[p] * (double)f[p]; }
            mean[p] = sum / frames.Count;
            deviation[p] = Math.Sqrt(Math.Max(0, squares / frames.Count - mean[p] * mean[p]));
        }
        var motion = deviation.Average();
        if (motion < 6) return []; // a still picture: nothing stands out as static

        var found = new List<string>();
        for (var c = 0; c < 4; c++)
        {
            var x0 = c % 2 == 0 ? 0 : Width - BlockWidth;
            var y0 = c < 2 ? 0 : Height - BlockHeight;
            var block = Enumerable.Range(y0, BlockHeight).SelectMany(y => Enumerable.Range(x0, BlockWidth).Select(x => y * Width + x)).ToList();
            // The pixels of the corner that hold still while the picture moves…
            var still = block.Where(p => deviation[p] < motion * 0.15).ToList();
            if (still.Count < block.Count * 0.15) continue;
            // …and are not one flat colour (a letterbox bar or a fill is flat; a logo has edges).
            var stillMean = still.Average(p => mean[p]);
            var texture = Math.Sqrt(still.Average(p => (mean[p] - stillMean) * (mean[p] - stillMean)));
            if (texture > 8) found.Add(Corners[c]);
        }
        return found;
    }
}
