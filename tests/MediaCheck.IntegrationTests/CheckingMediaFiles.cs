using System.Diagnostics;
using Campaign.Campaigns;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.MediaCheck.Checks;
using Campaign.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaign.MediaCheck.IntegrationTests;

/// <summary>Real ffprobe and ffmpeg on real files: each rule with both outcomes, and hostile files.</summary>
public sealed class CheckingMediaFiles(MediaSamples samples) : IClassFixture<MediaSamples>
{
    private static readonly CampaignDefinition Campaign = CampaignCatalog.Load(Path.Combine(AppContext.BaseDirectory, "campaigns"), includeDefault: false).Find("media-2026")!;
    private readonly string _store = Path.Combine(samples.Folder, "store");

    private async Task<IReadOnlyList<Finding>> Check(string category, CapturingLogger? log, params (string Role, string File, string? Caption)[] files)
    {
        var store = new FileSystemMediaStore(_store);
        var media = new List<MediaReference>();
        foreach (var (role, file, caption) in files)
        {
            await using var stream = File.OpenRead(samples[file]);
            var blob = await store.PutAsync(stream, CancellationToken.None);
            media.Add(new MediaReference(role, blob.Sha256, blob.Length, file, caption));
        }
        return await new MediaChecker(store, Options.Create(new MediaCheckOptions()), log ?? new CapturingLogger())
            .CheckAsync(Campaign.FindCategory(category)!, Entry(category, media), CancellationToken.None);
    }

    private Task<IReadOnlyList<Finding>> Check(string category, params (string Role, string File, string? Caption)[] files) => Check(category, null, files);

    private static EntrySubmitted Entry(string category, IReadOnlyList<MediaReference> media) =>
        new(Guid.NewGuid(), Campaign.Id, category, "t", "city-m", "individual", "w", "劳模的故事很长很长", media, DateTimeOffset.UtcNow);

    private Task<IReadOnlyList<Finding>> Video(string file, CapturingLogger? log = null) => Check("video", log, ("work", file, null));

    private static Finding Of(IEnumerable<Finding> findings, string ruleId) => Assert.Single(findings, f => f.RuleId == ruleId);

    [Fact]
    public async Task A_good_video_passes_every_measurable_rule()
    {
        var findings = await Video("good.mp4");
        Assert.All(findings, f => Assert.Equal(FindingStatus.Pass, f.Status));
        Assert.Equal(["V1", "V2", "V3", "V4.resolution", "V4.bitrate", "V4.framerate", "V4.audio", "V4.loudness", "V5", "V6"], findings.Select(f => f.RuleId));
        Assert.Equal("mp4", Of(findings, "V1").Measured);
        Assert.Equal("640x360", Of(findings, "V4.resolution").Measured);
        Assert.EndsWith("LUFS", Of(findings, "V4.loudness").Measured);
        Assert.Equal(Verdict.Passed, MediaCheckDecision.VerdictOf(findings));
    }

    [Fact]
    public async Task V1_a_renamed_avi_fails_by_content_and_a_mov_is_not_an_mp4()
    {
        Assert.Equal((FindingStatus.Fail, "avi"), (Of(await Video("avi-renamed.mp4"), "V1").Status, Of(await Video("avi-renamed.mp4"), "V1").Measured));
        Assert.Equal((FindingStatus.Fail, "mov"), (Of(await Video("recitation.mov"), "V1").Status, Of(await Video("recitation.mov"), "V1").Measured));
    }

    [Fact]
    public async Task V2_longer_than_the_limit_fails() =>
        Assert.Equal((FindingStatus.Fail, "8.0 s"), (Of(await Video("eight-seconds.mp4"), "V2").Status, Of(await Video("eight-seconds.mp4"), "V2").Measured));

    [Fact]
    public async Task V3_larger_than_the_limit_fails() =>
        Assert.Equal(FindingStatus.Fail, Of(await Video("too-big.mp4"), "V3").Status);

    [Fact]
    public async Task V4_low_resolution_bitrate_and_frame_rate_each_fail_with_the_measured_value()
    {
        var findings = await Video("poor-picture.mp4");
        Assert.Equal((FindingStatus.Fail, "320x180"), (Of(findings, "V4.resolution").Status, Of(findings, "V4.resolution").Measured));
        Assert.Equal(FindingStatus.Fail, Of(findings, "V4.bitrate").Status);
        Assert.Equal((FindingStatus.Fail, "15"), (Of(findings, "V4.framerate").Status, Of(findings, "V4.framerate").Measured));
    }

    [Fact]
    public async Task V4_no_audio_silence_and_clipping_fail()
    {
        Assert.Equal(FindingStatus.Fail, Of(await Video("no-audio.mp4"), "V4.audio").Status);
        Assert.Equal(FindingStatus.Fail, Of(await Video("silent.mp4"), "V4.loudness").Status);
        var clipped = Of(await Video("clipped.mp4"), "V4.loudness");
        Assert.Equal(FindingStatus.Fail, clipped.Status);
        Assert.EndsWith("dBTP", clipped.Measured);
    }

    [Fact]
    public async Task V5_without_a_Chinese_subtitle_track_a_person_checks_for_burned_in_subtitles()
    {
        var finding = Of(await Video("no-subtitles.mp4"), "V5");
        Assert.Equal((FindingStatus.NeedsReview, "no subtitle track"), (finding.Status, finding.Measured));
    }

    [Fact]
    public async Task V6_a_static_textured_corner_is_flagged_for_review()
    {
        var finding = Of(await Video("watermark.mp4"), "V6");
        Assert.Equal((FindingStatus.NeedsReview, "top-right"), (finding.Status, finding.Measured));
        Assert.Equal("none", Of(await Video("good.mp4"), "V6").Measured);
    }

    [Theory]
    [InlineData("recitation.mov", "mov")]
    [InlineData("recitation.mkv", "mkv")]
    [InlineData("good.mp4", "mp4")]
    public async Task R1_mp4_mov_and_mkv_are_accepted_for_recitations(string file, string container)
    {
        var findings = await Check("recitation", ("work", file, null));
        Assert.Equal((FindingStatus.Pass, container), (Of(findings, "R1").Status, Of(findings, "R1").Measured));
        Assert.Equal(FindingStatus.Pass, Of(findings, "R2").Status);
        Assert.Equal(FindingStatus.NeedsReview, Of(findings, "R4").Status);
        Assert.Equal(FindingStatus.Pass, Of(findings, "R5").Status);
        Assert.Equal(Verdict.NeedsReview, MediaCheckDecision.VerdictOf(findings));
    }

    [Fact]
    public async Task R1_R2_R3_a_renamed_avi_a_short_and_a_large_recitation_fail()
    {
        Assert.Equal(FindingStatus.Fail, Of(await Check("recitation", ("work", "avi-renamed.mp4", null)), "R1").Status);
        Assert.Equal(FindingStatus.Fail, Of(await Check("recitation", ("work", "two-seconds.mp4", null)), "R2").Status);
        Assert.Equal(FindingStatus.Fail, Of(await Check("recitation", ("work", "too-big.mp4", null)), "R3").Status);
    }

    [Fact]
    public async Task R6_audio_only_is_refused_unless_the_category_accepts_it()
    {
        Assert.Equal(FindingStatus.Fail, Of(await Check("recitation", ("work", "audio-only.mkv", null)), "R6").Status);
        Assert.Equal(FindingStatus.Pass, Of(await Check("recitation-audio", ("work", "audio-only.mkv", null)), "R6").Status);
    }

    [Fact]
    public async Task S2_two_high_definition_photos_each_with_the_workers_name_pass()
    {
        var findings = await Check("story", ("work-photo", "photo-1024x768.jpg", "王师傅"), ("award-photo", "photo-portrait.png", "王师傅"));
        Assert.Equal(["S1", "S2", "S2"], findings.Select(f => f.RuleId));
        Assert.All(findings, f => Assert.Equal(FindingStatus.Pass, f.Status));
        Assert.Equal("800x1200", findings[2].Measured);
    }

    [Fact]
    public async Task S2_a_missing_a_small_an_unsigned_or_an_unreadable_photo_fails_and_HEIC_goes_to_a_person()
    {
        Assert.Equal("missing", (await Check("story", ("work-photo", "photo-1024x768.jpg", "王师傅")))[2].Measured);
        Assert.Equal("320x240", (await Check("story", ("work-photo", "photo-320x240.jpg", "王"), ("award-photo", "photo-portrait.png", "王")))[1].Measured);
        Assert.Equal("署姓名", (await Check("story", ("work-photo", "photo-1024x768.jpg", " "), ("award-photo", "photo-portrait.png", "王")))[1].Limit);
        Assert.Equal(FindingStatus.Fail, (await Check("story", ("work-photo", "text.mp4", "王"), ("award-photo", "absurd.png", "王")))[1].Status);
        Assert.Equal(FindingStatus.Fail, (await Check("story", ("work-photo", "photo-1024x768.jpg", "王"), ("award-photo", "absurd.png", "王")))[2].Status);
        Assert.Equal(FindingStatus.NeedsReview, (await Check("story", ("work-photo", "phone.heic", "王"), ("award-photo", "photo-portrait.png", "王")))[1].Status);
    }

    [Theory]
    [InlineData("empty.mp4")]
    [InlineData("truncated.mp4")]
    [InlineData("malformed.mp4")]
    [InlineData("text.mp4")]
    [InlineData("noise.mp4")]
    [InlineData("absurd.png")]
    public async Task Hostile_files_give_an_unreadable_finding_with_a_plain_reason_never_a_crash_nor_a_server_path(string file)
    {
        var findings = await Video(file);
        var v1 = Of(findings, "V1");
        Assert.Equal((FindingStatus.Fail, "unreadable"), (v1.Status, v1.Measured));
        Assert.StartsWith("文件无法读取：", v1.Message);
        // What the submitter reads (both languages, as published) is never a server path or a tool's output.
        var published = MediaCheckDecision.Decide(Entry("video", []), findings, DateTimeOffset.UtcNow).Findings;
        Assert.All(published.SelectMany(f => new[] { f.Message, f.MessageEn! }), message =>
        {
            Assert.False(string.IsNullOrWhiteSpace(message));
            Assert.DoesNotContain(_store, message);
            Assert.DoesNotContain(samples.Folder, message);
            Assert.DoesNotContain(Path.GetTempPath(), message);
            Assert.DoesNotContain("/", message);
            foreach (var toolText in new[] { "Invalid data", "ffprobe", "ffmpeg", "moov", "error", "@ 0x", "exit" })
                Assert.DoesNotContain(toolText, message, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Contains("the file could not be read as audio or video", published[0].MessageEn);
    }

    [Fact]
    public async Task What_ffprobe_said_about_an_unreadable_file_goes_to_the_operators_log()
    {
        var log = new CapturingLogger();
        await Video("noise.mp4", log);
        Assert.Contains(log.Messages, m => m.Contains("Invalid data", StringComparison.OrdinalIgnoreCase) && m.Contains(_store));
    }

    [Fact]
    public async Task A_probe_that_overruns_its_time_limit_is_killed_and_reported()
    {
        var fifo = Path.Combine(samples.Folder, $"never-written-{Guid.NewGuid():N}.mp4");
        Process.Start("mkfifo", [fifo]).WaitForExit();
        var log = new CapturingLogger();
        var checker = new MediaChecker(new FileSystemMediaStore(_store), Options.Create(new MediaCheckOptions { ProbeTimeout = TimeSpan.FromSeconds(1) }), log);

        var measurement = await checker.MeasureAsync(fifo, CancellationToken.None);

        Assert.Equal(UnreadableReason.TimedOut, measurement.Unreadable);
        Assert.Contains(log.Messages, m => m.Contains("ran longer than"));
        Assert.DoesNotContain(Process.GetProcessesByName("ffprobe"), p => SafeCommandLine(p).Contains(fifo));
    }

    private static string SafeCommandLine(Process p)
    {
        try { return File.ReadAllText($"/proc/{p.Id}/cmdline"); }
        catch (IOException) { return ""; }
    }
}

/// <summary>Keeps what was logged, to show that a tool's output reaches the operators.</summary>
internal sealed class CapturingLogger : ILogger<MediaChecker>
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _messages.Enqueue(formatter(state, exception));
}
