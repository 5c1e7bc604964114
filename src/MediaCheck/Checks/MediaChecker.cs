using static Campaign.MediaCheck.Checks.MediaCheckDecision;
using System.Diagnostics;
using System.Text;
using Campaign.Campaigns;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.MediaCheck.Media;
using Campaign.MediaCheck.Stories;
using Campaign.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaign.MediaCheck.Checks;

public sealed class MediaCheckOptions
{
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan AnalysisTimeout { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Checks that use the tools running at once per replica (<see cref="MediaCheckDueConsumerDefinition"/>); the default is one per core.</summary>
    public int MaxConcurrentChecks { get; set; } = Environment.ProcessorCount;
    /// <summary>Frames larger than this are refused unread (a decompression bomb is not decoded).</summary>
    public long MaxPixels { get; set; } = 8192L * 8192;
    /// <summary>The tools, by name on PATH or by full path (a build of one's own); <c>/health</c> says when they do not run.</summary>
    public string Ffprobe { get; set; } = "ffprobe";
    public string Ffmpeg { get; set; } = "ffmpeg";
}

/// <summary>
/// Measures an entry's files with ffprobe and ffmpeg and turns the measurements into findings.
/// What the tools say about a file that fails is logged for operators; submitters get a plain reason.
/// </summary>
public sealed class MediaChecker(IMediaStore store, IOptions<MediaCheckOptions> options, ILogger<MediaChecker> log, MediaCheckMetrics? metrics = null)
{
    private readonly MediaCheckOptions _options = options.Value;
    /// <summary>
    /// Checks an entry's files. How many run at once is bounded where checks are taken from their queue
    /// (<see cref="MediaCheckDueConsumerDefinition"/>): a check that needs no tool, a story's text alone, runs on the spot.
    /// </summary>
    public async Task<IReadOnlyList<Finding>> CheckAsync(Category category, EntrySubmitted entry, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var findings = await CheckNowAsync(category, entry, ct);
        metrics?.Checked(entry, VerdictOf(findings), Stopwatch.GetElapsedTime(started));
        return findings;
    }

    private async Task<IReadOnlyList<Finding>> CheckNowAsync(Category category, EntrySubmitted entry, CancellationToken ct)
    {
        if (category.Kind == "story")
        {
            var photos = new Dictionary<MediaReference, PhotoMeasurement?>();
            foreach (var m in entry.Media) photos[m] = await MeasurePhotoAsync(m, ct);
            return [.. StoryFindings(category.Story!, entry.StoryText), .. PhotoFindings.Decide(category.Story!, entry.Media, m => photos[m])];
        }
        var work = entry.Media.FirstOrDefault(m => m.Role == "work") ?? entry.Media.FirstOrDefault();
        if (work is null)
            return [Found(category.FormatRule, FindingStatus.Fail, "no file", string.Join("/", category.Media!.Containers), "未上传作品文件。")];
        var path = await store.GetLocalPathAsync(work.Sha256, ct);
        var measurement = path is null ? new Measurement(work.Length, null, UnreadableReason.NotStored) : await MeasureAsync(path, ct);
        return MediaFindings.Decide(category, measurement);
    }

    /// <summary>S1: the story's length by the 字数 rule.</summary>
    public static IEnumerable<Finding> StoryFindings(StoryRules rules, string? text)
    {
        var count = StoryLength.Count(text ?? "");
        var limit = $"{rules.MinCharacters}–{rules.MaxCharacters}";
        var ok = count >= rules.MinCharacters && count <= rules.MaxCharacters;
        yield return Found("S1", ok ? FindingStatus.Pass : FindingStatus.Fail, count.ToString(), limit,
            ok ? $"故事正文{count}字，符合{limit}字要求。" : $"故事正文{count}字，应为{limit}字。");
    }

    /// <summary>
    /// The loudness pass (the long one, and harmless to start on any file) runs beside ffprobe;
    /// frames are sampled only once ffprobe has shown their size is sane. Each under a time limit.
    /// </summary>
    public async Task<Measurement> MeasureAsync(string path, CancellationToken ct)
    {
        var size = new FileInfo(path).Length;
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loudness = MeasureLoudnessAsync(path, abandon.Token);
        var (probe, unreadable) = await ProbeAsync(path, size, ct);
        if (unreadable is not null)
        {
            await abandon.CancelAsync();
            await loudness.ContinueWith(_ => { }, CancellationToken.None);
            return new Measurement(size, null, unreadable);
        }
        var corners = probe!.Video is not null ? await SampleStaticCornersAsync(path, ct) : null;
        return new Measurement(size, probe, null, probe.HasAudio ? await loudness : null, corners);
    }

    private async Task<(Probe?, UnreadableReason?)> ProbeAsync(string path, long size, CancellationToken ct)
    {
        Probe probe;
        try
        {
            var result = await FfprobeAsync(path, ct);
            if (result.ExitCode != 0)
            {
                log.LogWarning("ffprobe could not read {Path} (exit code {ExitCode}): {Errors}", path, result.ExitCode, result.Errors.Trim());
                return (null, size == 0 ? UnreadableReason.Empty : UnreadableReason.NotMedia);
            }
            probe = ProbeParser.Parse(result.Output);
        }
        catch (TimeoutException e)
        {
            log.LogWarning(e, "Probing {Path} was stopped: {Reason}", path, e.Message);
            return (null, UnreadableReason.TimedOut);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException)
        {
            log.LogWarning(e, "ffprobe's description of {Path} could not be parsed", path);
            return (null, UnreadableReason.NotMedia);
        }

        if (probe.Video is { } v && (long)v.Width * v.Height > _options.MaxPixels) return (null, UnreadableReason.ImplausibleFrame(v.Width, v.Height));
        if (probe.Video is null && !probe.HasAudio) return (null, UnreadableReason.NoStreams);
        return (probe, null);
    }

    private async Task<Loudness?> MeasureLoudnessAsync(string path, CancellationToken ct)
    {
        try
        {
            var r = await Tool.RunAsync(_options.Ffmpeg, ["-nostats", "-hide_banner", "-i", path, "-map", "0:a:0", "-af", "ebur128=peak=true", "-f", "null", "-"], _options.AnalysisTimeout, ct);
            return r.ExitCode == 0 ? Loudness.Parse(r.Errors) : null;
        }
        catch (TimeoutException) { return null; }
    }

    /// <summary>The first 12 keyframes (cheap to decode; a watermark stays for the whole work), shrunk to small grayscale frames; frames at 2 fps when there are too few keyframes.</summary>
    private async Task<IReadOnlyList<string>?> SampleStaticCornersAsync(string path, CancellationToken ct)
    {
        var frames = await FramesAsync(path, keyframesOnly: true, ct);
        if (frames is { Count: < 6 }) frames = await FramesAsync(path, keyframesOnly: false, ct);
        return frames is null ? null : StaticRegions.Find(frames);
    }

    private async Task<List<byte[]>?> FramesAsync(string path, bool keyframesOnly, CancellationToken ct)
    {
        var filter = $"{(keyframesOnly ? "" : "fps=2,")}scale={StaticRegions.Width}:{StaticRegions.Height},format=gray";
        string[] args = keyframesOnly
            ? ["-v", "error", "-threads", "1", "-skip_frame", "nokey", "-i", path, "-map", "0:v:0", "-vf", filter, "-fps_mode", "passthrough", "-frames:v", "12", "-f", "rawvideo", "-"]
            : ["-v", "error", "-i", path, "-map", "0:v:0", "-vf", filter, "-frames:v", "12", "-f", "rawvideo", "-"];
        try
        {
            var r = await Tool.RunAsync(_options.Ffmpeg, args, _options.AnalysisTimeout, ct);
            if (r.ExitCode != 0) return null;
            const int frameSize = StaticRegions.Width * StaticRegions.Height;
            return Enumerable.Range(0, r.Output.Length / frameSize).Select(i => r.Output.AsSpan(i * frameSize, frameSize).ToArray()).ToList();
        }
        catch (TimeoutException) { return null; }
    }

    private async Task<PhotoMeasurement?> MeasurePhotoAsync(MediaReference photo, CancellationToken ct)
    {
        if (await store.GetLocalPathAsync(photo.Sha256, ct) is not { } path) return null;
        try
        {
            var r = await FfprobeAsync(path, ct);
            var probe = r.ExitCode == 0 ? ProbeParser.Parse(r.Output) : null;
            if (probe?.ImageCodec?.Split(':', 'x') is [var codec, var w, var h]
                && (long)int.Parse(w) * int.Parse(h) is var pixels && pixels > 0 && pixels <= _options.MaxPixels)
                return new PhotoMeasurement(codec, int.Parse(w), int.Parse(h), false);
        }
        catch (Exception e) when (e is TimeoutException or System.Text.Json.JsonException or KeyNotFoundException) { }
        return new PhotoMeasurement(null, 0, 0, await LooksLikeHeifAsync(path, ct));
    }

    /// <summary>Phones send HEIC, which this ffmpeg cannot decode: recognised by its ftyp brand, it goes to a person.</summary>
    private static async Task<bool> LooksLikeHeifAsync(string path, CancellationToken ct)
    {
        var head = new byte[12];
        await using var f = File.OpenRead(path);
        var read = await f.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var brand = read == 12 ? Encoding.ASCII.GetString(head, 4, 8) : "";
        return brand is "ftypheic" or "ftypheix" or "ftyphevc" or "ftypmif1" or "ftypmsf1";
    }

    private Task<ToolResult> FfprobeAsync(string path, CancellationToken ct) =>
        Tool.RunAsync(_options.Ffprobe, ["-v", "error", "-show_format", "-show_streams", "-of", "json", path], _options.ProbeTimeout, ct);
}
