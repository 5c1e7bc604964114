using System.Globalization;
using System.Text.Json;

namespace Campaign.MediaCheck.Media;

/// <summary>What ffprobe reads from a file's content (never its name).</summary>
public sealed record Probe(
    string Container,
    double? DurationSeconds,
    VideoStream? Video,
    bool HasAudio,
    IReadOnlyList<string> SubtitleLanguages,
    string? ImageCodec);

public sealed record VideoStream(string Codec, int Width, int Height, long? BitRate, double? FrameRate);

public static class ProbeParser
{
    private static readonly string[] ImageCodecs = ["mjpeg", "png", "webp", "bmp", "tiff", "gif", "hevc"];

    /// <summary>Reads <c>ffprobe -show_format -show_streams -of json</c>; the container is judged by content (V1, R1).</summary>
    public static Probe Parse(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        var root = doc.RootElement;
        var format = root.GetProperty("format");
        var formatName = format.GetProperty("format_name").GetString() ?? "";
        var brand = format.TryGetProperty("tags", out var tags) && tags.TryGetProperty("major_brand", out var b) ? b.GetString()?.Trim() : null;
        var streams = root.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];

        string Kind(JsonElement e) => e.TryGetProperty("codec_type", out var t) ? t.GetString() ?? "" : "";
        bool IsPicture(JsonElement e) => e.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var p) && p.GetInt32() == 1;

        var video = streams.FirstOrDefault(e => Kind(e) == "video" && !IsPicture(e));
        var isImage = formatName.EndsWith("_pipe") || formatName == "image2";
        return new Probe(
            Container(formatName, brand),
            Double(format, "duration"),
            video.ValueKind == JsonValueKind.Object && !isImage
                ? new VideoStream(video.GetProperty("codec_name").GetString() ?? "", Int(video, "width"), Int(video, "height"),
                    Long(video, "bit_rate") ?? Long(format, "bit_rate"), Rate(video))
                : null,
            streams.Any(e => Kind(e) == "audio"),
            streams.Where(e => Kind(e) == "subtitle")
                .Select(e => e.TryGetProperty("tags", out var t) && t.TryGetProperty("language", out var l) ? l.GetString() ?? "und" : "und").ToList(),
            isImage && video.ValueKind == JsonValueKind.Object && ImageCodecs.Contains(video.GetProperty("codec_name").GetString())
                ? $"{video.GetProperty("codec_name").GetString()}:{Int(video, "width")}x{Int(video, "height")}"
                : null);
    }

    /// <summary>mp4 and mov share ffprobe's demuxer: the major brand tells them apart.</summary>
    private static string Container(string formatName, string? brand) => formatName switch
    {
        _ when formatName.StartsWith("mov,mp4") => brand switch
        {
            "qt" => "mov",
            { } x when x.StartsWith("3g") => "3gp",
            { } x when x.StartsWith("M4A") => "m4a",
            _ => "mp4",
        },
        "matroska,webm" => "mkv",
        _ => formatName.Split(',')[0],
    };

    private static int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.TryGetInt32(out var i) ? i : 0;

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && long.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var l) ? l : null;

    private static double? Double(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && double.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var d) ? d : null;

    private static double? Rate(JsonElement e)
    {
        var text = e.TryGetProperty("avg_frame_rate", out var v) ? v.GetString() : null;
        var parts = text?.Split('/');
        return parts is [var n, var d] && double.TryParse(n, CultureInfo.InvariantCulture, out var num)
               && double.TryParse(d, CultureInfo.InvariantCulture, out var den) && den > 0 ? num / den : null;
    }
}
