using System.Diagnostics;

using Campaign.TestSupport;

namespace Campaign.MediaCheck.IntegrationTests;

/// <summary>
/// Test media made at test time with ffmpeg (no binaries in the repository): a passing and a
/// failing sample for each rule, and hostile files. Made once per test run into a temporary folder.
/// </summary>
public sealed class MediaSamples : IAsyncLifetime
{
    private const string Moving = "testsrc2=s=640x360:r=25:d={0},rotate=a=PI*t/2:fillcolor=gray";
    private const string Tone = "sine=f=440:d={0},volume=0.1";
    private static readonly string[] H264 = ["-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-pix_fmt", "yuv420p"];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"campaign-media-samples-{Guid.NewGuid():N}");

    public string this[string name] => Path.Combine(Folder, name);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllTextAsync(this["zh.srt"], "1\n00:00:00,000 --> 00:00:03,000\n劳模精神\n");
        string V(double d = 4) => string.Format(Moving, d);
        string A(double d = 4) => string.Format(Tone, d);

        string[][] jobs =
        [
            ["-f", "lavfi", "-i", V(), "-f", "lavfi", "-i", A(), "-i", this["zh.srt"], "-map", "0:v", "-map", "1:a", "-map", "2:s", .. H264, "-c:a", "aac", "-c:s", "mov_text", "-metadata:s:s:0", "language=chi", this["good.mp4"]],
            ["-f", "lavfi", "-i", V(), "-f", "lavfi", "-i", A(), .. H264, "-c:a", "aac", this["no-subtitles.mp4"]],
            ["-f", "lavfi", "-i", V(8), "-f", "lavfi", "-i", A(8), .. H264, "-c:a", "aac", this["eight-seconds.mp4"]],
            ["-f", "lavfi", "-i", V(), "-f", "lavfi", "-i", A(), "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-pix_fmt", "yuv444p", "-c:a", "aac", this["too-big.mp4"]],
            ["-f", "lavfi", "-i", "testsrc2=s=320x180:r=15:d=4,rotate=a=PI*t/2", "-f", "lavfi", "-i", A(), "-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-b:v", "30k", "-pix_fmt", "yuv420p", "-c:a", "aac", this["poor-picture.mp4"]],
            ["-f", "lavfi", "-i", V(), "-f", "lavfi", "-i", "anullsrc=r=44100:cl=mono:d=4", .. H264, "-c:a", "aac", "-t", "4", this["silent.mp4"]],
            ["-f", "lavfi", "-i", V(), "-f", "lavfi", "-i", "sine=f=440:d=4,volume=8", .. H264, "-c:a", "aac", this["clipped.mp4"]],
            ["-f", "lavfi", "-i", V(), .. H264, this["no-audio.mp4"]],
            ["-f", "lavfi", "-i", V(), "-f", "lavfi", "-i", "color=c=white:s=120x60:d=4,drawgrid=w=8:h=8:t=3:c=black", "-f", "lavfi", "-i", A(),
                "-filter_complex", "[0:v][1:v]overlay=x=W-w-4:y=4", "-map", "2:a", .. H264, "-c:a", "aac", this["watermark.mp4"]],
            ["-f", "lavfi", "-i", V(), "-f", "lavfi", "-i", A(), "-c:v", "mpeg4", "-c:a", "mp2", "-f", "avi", this["avi-renamed.mp4"]],
            ["-f", "lavfi", "-i", V(), "-f", "lavfi", "-i", A(), .. H264, "-c:a", "aac", this["recitation.mov"]],
            ["-f", "lavfi", "-i", V(), "-f", "lavfi", "-i", A(), .. H264, "-c:a", "aac", this["recitation.mkv"]],
            ["-f", "lavfi", "-i", V(2), "-f", "lavfi", "-i", A(2), .. H264, "-c:a", "aac", this["two-seconds.mp4"]],
            ["-f", "lavfi", "-i", A(), "-c:a", "aac", this["audio-only.mkv"]],
            ["-f", "lavfi", "-i", "testsrc2=s=1024x768:d=1", "-frames:v", "1", this["photo-1024x768.jpg"]],
            ["-f", "lavfi", "-i", "testsrc2=s=800x1200:d=1", "-frames:v", "1", this["photo-portrait.png"]],
            ["-f", "lavfi", "-i", "testsrc2=s=320x240:d=1", "-frames:v", "1", this["photo-320x240.jpg"]],
        ];
        await Task.WhenAll(jobs.Select(Tools.FfmpegAsync));

        var good = await File.ReadAllBytesAsync(this["good.mp4"]);
        await File.WriteAllBytesAsync(this["truncated.mp4"], good[..(good.Length / 3)]);
        var mangled = good.ToArray();
        Random.Shared.NextBytes(mangled.AsSpan(0, Math.Min(4096, mangled.Length))); // the header is noise, the rest intact
        await File.WriteAllBytesAsync(this["malformed.mp4"], mangled);
        await File.WriteAllBytesAsync(this["empty.mp4"], []);
        await File.WriteAllTextAsync(this["text.mp4"], "这不是视频。This is not a video.");
        await File.WriteAllBytesAsync(this["noise.mp4"], Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7919 % 251)).ToArray());
        await File.WriteAllBytesAsync(this["absurd.png"], AbsurdPng());
        await File.WriteAllBytesAsync(this["phone.heic"], [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[64]]);
    }

    /// <summary>A PNG whose header claims 100 000 × 100 000 pixels: a decompression bomb must not be decoded.</summary>
    private static byte[] AbsurdPng()
    {
        byte[] header = [.. "IHDR"u8, 0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0, 8, 2, 0, 0, 0];
        var crc = Crc32(header);
        return [0x89, .. "PNG"u8, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. header, (byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc, .. new byte[32]];
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
