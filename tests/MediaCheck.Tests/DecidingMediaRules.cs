using Campaign.Campaigns;
using Campaign.Contracts.MediaCheck;
using Campaign.MediaCheck.Checks;
using Campaign.MediaCheck.Media;

namespace Campaign.MediaCheck.Tests;

/// <summary>V and R rules over measurements, with the default campaign's numbers; the files themselves are in the integration tests.</summary>
public sealed class DecidingMediaRules
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    private static readonly Category Video = Liaoning.FindCategory("video")!;
    private static readonly Category Recitation = Liaoning.FindCategory("recitation")!;

    private static Measurement Measured(string container = "mp4", double seconds = 170, long bytes = 200_000_000, int width = 1920, int height = 1080,
        long bitrate = 4_000_000, double fps = 25, bool audio = true, string[]? subtitles = null, double lufs = -16, double peak = -1.5, string[]? corners = null) =>
        new(bytes, new Probe(container, seconds, new VideoStream("h264", width, height, bitrate, fps), audio, subtitles ?? ["chi"], null),
            null, audio ? new Loudness(lufs, peak) : null, corners ?? []);

    private static Finding Of(Category c, Measurement m, string ruleId) => Assert.Single(MediaFindings.Decide(c, m), f => f.RuleId == ruleId);

    [Theory]
    [InlineData(180, FindingStatus.Pass)]
    [InlineData(180.5, FindingStatus.Fail)]
    public void V2_three_minutes_at_most(double seconds, FindingStatus status) => Assert.Equal(status, Of(Video, Measured(seconds: seconds), "V2").Status);

    [Theory]
    [InlineData(300L * 1024 * 1024, FindingStatus.Pass)]
    [InlineData(300L * 1024 * 1024 + 1, FindingStatus.Fail)]
    public void V3_300_MB_at_most(long bytes, FindingStatus status) => Assert.Equal(status, Of(Video, Measured(bytes: bytes), "V3").Status);

    [Theory]
    [InlineData(179, FindingStatus.Fail)]
    [InlineData(180, FindingStatus.Pass)]
    [InlineData(360, FindingStatus.Pass)]
    [InlineData(361, FindingStatus.Fail)]
    public void R2_three_to_six_minutes(double seconds, FindingStatus status) => Assert.Equal(status, Of(Recitation, Measured(seconds: seconds), "R2").Status);

    [Fact]
    public void V4_a_portrait_video_of_the_same_definition_passes_the_resolution_floor() =>
        Assert.Equal(FindingStatus.Pass, Of(Video, Measured(width: 720, height: 1280), "V4.resolution").Status);

    [Theory]
    [InlineData(-60, -20, FindingStatus.Fail)]   // silent
    [InlineData(-14, 0.8, FindingStatus.Fail)]   // clipped
    [InlineData(-23, -1, FindingStatus.Pass)]
    public void V4_loudness_is_neither_silent_nor_clipped(double lufs, double peak, FindingStatus status) =>
        Assert.Equal(status, Of(Video, Measured(lufs: lufs, peak: peak), "V4.loudness").Status);

    [Fact]
    public void V4_unmeasurable_loudness_goes_to_a_person_not_to_a_guess() =>
        Assert.Equal(FindingStatus.NeedsReview, Of(Video, Measured() with { Loudness = null }, "V4.loudness").Status);

    [Theory]
    [InlineData("chi", FindingStatus.Pass)]
    [InlineData("zh-Hans", FindingStatus.Pass)]
    [InlineData("eng", FindingStatus.NeedsReview)]
    public void V5_a_Simplified_Chinese_track_passes_any_other_case_needs_a_person(string language, FindingStatus status) =>
        Assert.Equal(status, Of(Video, Measured(subtitles: [language]), "V5").Status);

    [Fact]
    public void V6_corners_not_sampled_need_a_person() =>
        Assert.Equal(FindingStatus.NeedsReview, Of(Video, Measured() with { StaticCorners = null }, "V6").Status);

    [Fact]
    public void An_unreadable_file_fails_V1_with_a_plain_reason_in_both_languages_and_still_reports_its_size()
    {
        var findings = MediaFindings.Decide(Video, new Measurement(12, null, UnreadableReason.Empty));
        Assert.Equal(["V1", "V3"], findings.Select(f => f.RuleId));
        Assert.Equal("文件无法读取：文件为空。", findings[0].Message);
        Assert.Equal("V1 failed: the file could not be read as audio or video (the file is empty).", findings[0].MessageEn);
        Assert.Equal("文件无法读取：不是可识别的音视频文件。", MediaFindings.Decide(Video, new Measurement(12, null)).First().Message);
    }

    [Fact]
    public void Loudness_is_read_from_the_ebur128_summary()
    {
        const string stderr = "[Parsed_ebur128_0 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         -20.7 LUFS\n    Threshold: -30.8 LUFS\n\n  True peak:\n    Peak:       -9.1 dBFS\n";
        Assert.Equal(new Loudness(-20.7, -9.1), Loudness.Parse(stderr));
        Assert.True(double.IsNegativeInfinity(Loudness.Parse("Summary:\n I: -inf LUFS\n Peak: -inf dBFS")!.IntegratedLufs));
    }
}

public sealed class DescribingFindings
{
    [Fact]
    public void Every_published_finding_carries_an_English_rendering_beside_the_Chinese_message()
    {
        var entry = new Campaign.Contracts.Submission.EntrySubmitted(Guid.NewGuid(), "c", "video", "t", "o", "individual", "w", null, [], DateTimeOffset.UnixEpoch);
        var check = MediaCheckDecision.Decide(entry, [MediaCheckDecision.Found("V2", FindingStatus.Fail, "200.0 s", "≤ 180 s", "时长200秒，要求≤ 180 s。")], DateTimeOffset.UnixEpoch);
        Assert.Equal("V2 failed: measured 200.0 s, limit ≤ 180 s.", check.Findings[0].MessageEn);
        Assert.Equal("时长200秒，要求≤ 180 s。", check.Findings[0].Message);
    }
}
