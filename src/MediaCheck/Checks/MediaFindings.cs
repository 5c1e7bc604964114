using static Campaign.MediaCheck.Checks.MediaCheckDecision;
using System.Globalization;
using Campaign.Campaigns;
using Campaign.Contracts.MediaCheck;
using Campaign.MediaCheck.Media;

namespace Campaign.MediaCheck.Checks;

/// <summary>What was measured of one media file; <see cref="Unreadable"/> says why nothing could be.</summary>
public sealed record Measurement(long SizeBytes, Probe? Probe, UnreadableReason? Unreadable = null, Loudness? Loudness = null, IReadOnlyList<string>? StaticCorners = null);

/// <summary>
/// Why a file could not be measured, in the submitter's words. The submitter reads it, so it is
/// one of these fixed texts and never a server path or a tool's output (those go to the log).
/// </summary>
public sealed record UnreadableReason(string Chinese, string English)
{
    public static readonly UnreadableReason NotMedia = new("不是可识别的音视频文件", "not a recognisable audio or video file");
    public static readonly UnreadableReason Empty = new("文件为空", "the file is empty");
    public static readonly UnreadableReason TimedOut = new("读取超时，文件可能已损坏", "reading took too long; the file may be damaged");
    public static readonly UnreadableReason NoStreams = new("文件中没有音频或视频", "no audio or video in it");
    public static readonly UnreadableReason NotStored = new("文件不在媒体库中，请重新上传", "not in the media store; upload it again");

    public static UnreadableReason ImplausibleFrame(int width, int height) =>
        new($"画面尺寸异常（{width}x{height}）", $"implausible picture size {width}x{height}");
}

/// <summary>
/// V1–V6 and R1–R6 as pure decisions over a measurement. A rule that a machine cannot settle
/// reliably is "needs review", never a guessed pass or fail.
/// </summary>
public static class MediaFindings
{
    private static readonly string[] SimplifiedChinese = ["chi", "zho", "zh", "chs", "zh-hans", "zh-cn", "cmn"];

    public static List<Finding> Decide(Category category, Measurement m)
    {
        var rules = category.Media!;
        var video = category.Kind == CategoryKinds.Video;
        string Id(int n) => (video ? "V" : "R") + n;
        var findings = new List<Finding>();
        var mb = Math.Round(m.SizeBytes / 1048576.0, 1).ToString(CultureInfo.InvariantCulture);
        var maxMb = Math.Round(rules.MaxSizeBytes / 1048576.0, 1).ToString(CultureInfo.InvariantCulture);
        var sizeOk = m.SizeBytes <= rules.MaxSizeBytes;
        var size = Found(Id(3), sizeOk ? FindingStatus.Pass : FindingStatus.Fail, $"{mb} MB", $"≤ {maxMb} MB", sizeOk ? "文件大小符合要求。" : $"文件{mb} MB，超过{maxMb} MB。");

        if (m.Probe is not { } p || m.Unreadable is not null)
        {
            var reason = m.Unreadable ?? UnreadableReason.NotMedia;
            findings.Add(Found(Id(1), FindingStatus.Fail, "unreadable", string.Join("/", rules.Containers), $"文件无法读取：{reason.Chinese}。",
                $"{Id(1)} failed: the file could not be read as audio or video ({reason.English})."));
            findings.Add(size);
            return findings;
        }

        var containerOk = rules.Containers.Contains(p.Container);
        findings.Add(Found(Id(1), containerOk ? FindingStatus.Pass : FindingStatus.Fail, p.Container, string.Join("/", rules.Containers),
            containerOk ? $"文件格式为{p.Container}。" : $"文件实际格式为{p.Container}，要求{string.Join("/", rules.Containers)}（按内容判断，与扩展名无关）。"));
        if (p.Video is null)
        {
            var accepted = !video && rules.AudioOnlyAccepted;
            findings.Add(Found(video ? "V1" : "R6", accepted ? FindingStatus.Pass : FindingStatus.Fail, "audio only", accepted ? "audio or video" : "video",
                accepted ? "本类别接受音频作品。" : "文件没有视频画面，本类别只接受视频作品。"));
        }

        var d = p.DurationSeconds ?? 0;
        var durationOk = d >= rules.MinDurationSeconds && d <= rules.MaxDurationSeconds;
        var limit = rules.MinDurationSeconds > 0 ? $"{rules.MinDurationSeconds:0}–{rules.MaxDurationSeconds:0} s" : $"≤ {rules.MaxDurationSeconds:0} s";
        findings.Add(Found(Id(2), durationOk ? FindingStatus.Pass : FindingStatus.Fail, $"{d.ToString("0.0", CultureInfo.InvariantCulture)} s", limit,
            durationOk ? "时长符合要求。" : $"时长{d:0.0}秒，要求{limit}。"));
        findings.Add(size);

        if (video) findings.AddRange(Quality(rules, p, m.Loudness));
        if (video && rules.SubtitlesRequired) findings.Add(Subtitles(p));
        if (!video) findings.Add(Found("R4", FindingStatus.NeedsReview, null, "普通话；选手出镜 ≥ 1 分钟", "普通话、单人或组合、选手出镜时间不少于1分钟，由审核人员确认。"));
        findings.Add(Overlay(video ? "V6" : "R5", m.StaticCorners, p.Video is not null));
        return findings;
    }

    /// <summary>V4: each floor the campaign sets, with its measured value.</summary>
    private static IEnumerable<Finding> Quality(MediaRules r, Probe p, Loudness? loudness)
    {
        if (p.Video is { } v)
        {
            if (r.MinWidth > 0 || r.MinHeight > 0)
            {
                var ok = Math.Max(v.Width, v.Height) >= Math.Max(r.MinWidth, r.MinHeight) && Math.Min(v.Width, v.Height) >= Math.Min(r.MinWidth, r.MinHeight);
                yield return Found("V4.resolution", ok ? FindingStatus.Pass : FindingStatus.Fail, $"{v.Width}x{v.Height}", $"≥ {r.MinWidth}x{r.MinHeight}",
                    ok ? "分辨率符合要求。" : $"分辨率{v.Width}x{v.Height}，低于{r.MinWidth}x{r.MinHeight}。");
            }
            if (r.MinVideoBitrate > 0)
                yield return v.BitRate is { } bps
                    ? Found("V4.bitrate", bps >= r.MinVideoBitrate ? FindingStatus.Pass : FindingStatus.Fail, $"{bps / 1000} kb/s", $"≥ {r.MinVideoBitrate / 1000} kb/s",
                        bps >= r.MinVideoBitrate ? "视频码率符合要求。" : $"视频码率{bps / 1000} kb/s，画面可能不清晰。")
                    : Found("V4.bitrate", FindingStatus.NeedsReview, null, $"≥ {r.MinVideoBitrate / 1000} kb/s", "无法测得视频码率，请人工查看画面。");
            if (r.MinFrameRate > 0)
                yield return v.FrameRate is { } fps
                    ? Found("V4.framerate", fps >= r.MinFrameRate - 0.01 ? FindingStatus.Pass : FindingStatus.Fail, fps.ToString("0.##", CultureInfo.InvariantCulture),
                        $"≥ {r.MinFrameRate}", fps >= r.MinFrameRate - 0.01 ? "帧率符合要求。" : $"帧率{fps:0.##}，低于{r.MinFrameRate}。")
                    : Found("V4.framerate", FindingStatus.NeedsReview, null, $"≥ {r.MinFrameRate}", "无法测得帧率。");
        }
        if (r.AudioRequired)
        {
            yield return Found("V4.audio", p.HasAudio ? FindingStatus.Pass : FindingStatus.Fail, p.HasAudio ? "audio" : "none", "audio stream",
                p.HasAudio ? "有音轨。" : "作品没有声音。");
            if (p.HasAudio)
                yield return loudness switch
                {
                    null => Found("V4.loudness", FindingStatus.NeedsReview, null, null, "无法测得响度，请人工试听。"),
                    { IntegratedLufs: var i } when double.IsNegativeInfinity(i) || i < r.SilentBelowLufs =>
                        Found("V4.loudness", FindingStatus.Fail, Lufs(i), $"> {r.SilentBelowLufs} LUFS", "声音过小或无声。"),
                    { TruePeakDbtp: var tp } when tp > r.ClippedAboveTruePeakDb =>
                        Found("V4.loudness", FindingStatus.Fail, $"{tp.ToString("0.0", CultureInfo.InvariantCulture)} dBTP", $"≤ {r.ClippedAboveTruePeakDb} dBTP", "声音削波失真。"),
                    var l => Found("V4.loudness", FindingStatus.Pass, Lufs(l.IntegratedLufs), $"> {r.SilentBelowLufs} LUFS, ≤ {r.ClippedAboveTruePeakDb} dBTP", "响度正常。"),
                };
        }
    }

    private static string Lufs(double v) => double.IsNegativeInfinity(v) ? "-inf LUFS" : $"{v.ToString("0.0", CultureInfo.InvariantCulture)} LUFS";

    /// <summary>V5: a Simplified Chinese subtitle track passes; without one, burned-in subtitles cannot be ruled out.</summary>
    private static Finding Subtitles(Probe p) =>
        p.SubtitleLanguages.Any(l => SimplifiedChinese.Contains(l.ToLowerInvariant()))
            ? Found("V5", FindingStatus.Pass, string.Join(",", p.SubtitleLanguages), "zh-Hans subtitle", "有简体中文字幕轨。")
            : Found("V5", FindingStatus.NeedsReview, p.SubtitleLanguages.Count == 0 ? "no subtitle track" : string.Join(",", p.SubtitleLanguages),
                "zh-Hans subtitle", "未发现简体中文字幕轨；字幕可能压制在画面中，请人工确认。");

    /// <summary>V6, R5: a static textured corner suggests a watermark; ads and promotional content stay on the reviewer's checklist.</summary>
    private static Finding Overlay(string ruleId, IReadOnlyList<string>? corners, bool hasPicture) => corners switch
    {
        _ when !hasPicture => Found(ruleId, FindingStatus.Pass, "no picture", "no watermark", "无画面，无水印。"),
        null => Found(ruleId, FindingStatus.NeedsReview, "not sampled", "no watermark", "画面采样不足，无法自动判断水印，请人工查看。"),
        [] => Found(ruleId, FindingStatus.Pass, "none", "no watermark", "未发现水印迹象（广告与宣传片内容由审核人员判断）。"),
        _ => Found(ruleId, FindingStatus.NeedsReview, string.Join(",", corners), "no watermark", $"画面{string.Join("、", corners)}角有静止图案，疑似水印或台标，请人工确认。"),
    };
}
