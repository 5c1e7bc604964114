using System.Diagnostics;
using System.Globalization;
using Campaign.Campaigns;
using Campaign.MediaCheck.Checks;
using Campaign.Media;
using Microsoft.Extensions.Options;

// bench/run.sh runs this: the figures go to docs/benchmarks.md as ratios to baselines measured in the same run.
var work = Path.GetFullPath(args.ElementAtOrDefault(0) ?? ".data/bench");
var report = args.ElementAtOrDefault(1);
Directory.CreateDirectory(work);
var video = Path.Combine(work, "three-minutes-720p.mp4");
if (!File.Exists(video))
{
    Console.WriteLine("making a 3-minute 720p H.264/AAC test video with ffmpeg…");
    await Run("ffmpeg", $"-v error -y -f lavfi -i testsrc2=s=1280x720:r=25:d=180 -f lavfi -i sine=f=440:d=180,volume=0.1 -c:v libx264 -preset veryfast -g 50 -pix_fmt yuv420p -c:a aac -b:a 128k {video}");
}

var category = CampaignCatalog.LoadDefault().FindCategory("video")!;
var checker = new MediaChecker(new FileSystemMediaStore(work), Options.Create(new MediaCheckOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<MediaChecker>.Instance);
async Task Check(string file) => MediaFindings.Decide(category, await checker.MeasureAsync(file, CancellationToken.None));
Task Shell(string file) => Run("bash", "-c", $"ffprobe -v error -show_format -show_streams -of json '{file}' >/dev/null && ffmpeg -nostats -hide_banner -i '{file}' -map 0:a -af ebur128=peak=true -f null - 2>/dev/null");

await Check(video); await Shell(video); // warm the page cache and the JIT
const int rounds = 7;
var shell = new List<double>();
var full = new List<double>();
for (var i = 0; i < rounds; i++) // interleaved, so both sides see the same machine
{
    shell.Add(await Time(() => Shell(video)));
    full.Add(await Time(() => Check(video)));
}

const int queued = 8;
var files = Enumerable.Range(0, queued).Select(i => video).ToList();
var shellQueue = await Time(async () => { foreach (var f in files) await Shell(f); });
var checkQueue = await Time(() => Task.WhenAll(files.Select(Check)));

var ratio = Median(full) / Median(shell);
var lines = new[]
{
    "## MediaCheck: full check of a 3-minute 720p video",
    "",
    $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores; medians of {rounds} interleaved runs; `bash bench/run.sh`.",
    "",
    "| what | time | ratio to baseline |",
    "|---|---|---|",
    $"| baseline: `ffprobe` (format + streams) then `ffmpeg … ebur128` from the shell | {Median(shell):0.000} s | 1.00 |",
    $"| full check: ffprobe, loudness and keyframe sampling (V6), all findings | {Median(full):0.000} s | **{ratio:0.00}** (target ≤ 1.30) |",
    $"| {queued} files queued: the shell passes one after another | {shellQueue:0.00} s ({queued / shellQueue * 60:0} files/min) | 1.00 |",
    $"| {queued} files queued: full checks, {Environment.ProcessorCount} at a time (the default bound) | {checkQueue:0.00} s ({queued / checkQueue * 60:0} files/min) | {checkQueue / shellQueue:0.00} |",
    "",
};
foreach (var line in lines) Console.WriteLine(line);
if (report is not null) await File.WriteAllLinesAsync(report, lines);
return ratio <= 1.3 ? 0 : 1;

static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

static async Task<double> Time(Func<Task> action)
{
    var watch = Stopwatch.StartNew();
    await action();
    return watch.Elapsed.TotalSeconds;
}

static async Task Run(string file, params string[] args)
{
    var info = new ProcessStartInfo(file) { UseShellExecute = false };
    foreach (var a in args.Length == 1 ? args[0].Split(' ') : args) info.ArgumentList.Add(a);
    using var p = Process.Start(info)!;
    await p.WaitForExitAsync();
    if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}");
}
