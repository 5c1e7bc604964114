using System.Diagnostics;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.Media;
using Campaign.TestSupport;

namespace Campaign.MediaCheck.IntegrationTests;

public sealed class CheckingThroughTheService(MediaCheckFixture service, MediaSamples samples) : IClassFixture<MediaCheckFixture>, IClassFixture<MediaSamples>
{
    private static async Task<MediaReference> Store(string root, string file)
    {
        await using var stream = File.OpenRead(file);
        var blob = await new FileSystemMediaStore(root).PutAsync(stream, CancellationToken.None);
        return new MediaReference("work", blob.Sha256, blob.Length, Path.GetFileName(file));
    }

    private static EntrySubmitted Video(MediaReference work) =>
        new(Guid.CreateVersion7(), "media-2026", "video", "奋斗者", "city-m", "individual", "worker-1", null, [work], DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_submitted_video_is_read_from_the_media_store_and_its_findings_published()
    {
        var entry = Video(await Store(service.MediaRoot, samples["watermark.mp4"]));
        await service.Bus.PublishAsync(entry, Guid.NewGuid());

        var (_, check) = await service.Bus.WaitForAsync<MediaChecked>(c => c.EntryId == entry.EntryId, TimeSpan.FromSeconds(60));
        Assert.Equal(Verdict.NeedsReview, check.Verdict);
        Assert.Equal(FindingStatus.NeedsReview, check.Findings.Single(f => f.RuleId == "V6").Status);
        Assert.Equal(FindingStatus.Pass, check.Findings.Single(f => f.RuleId == "V1").Status);
    }

    [Fact]
    public async Task A_check_cut_short_by_a_restart_is_done_again_and_published_once()
    {
        var first = new MediaCheckFixture();
        await first.InitializeAsync();
        var work = await Store(first.MediaRoot, samples["good.mp4"]);
        var blob = (await new FileSystemMediaStore(first.MediaRoot).GetLocalPathAsync(work.Sha256, CancellationToken.None))!;
        // The blob becomes a pipe nobody writes to: ffprobe blocks on it until the service stops.
        File.Delete(blob);
        Process.Start("mkfifo", [blob]).WaitForExit();
        await using var probe = await BusProbe.StartAsync(first.RabbitMq, o => o.Observe<MediaChecked>());
        var entry = Video(work);
        await probe.PublishAsync(entry, Guid.NewGuid());
        await Eventually.GetAsync(() => Task.FromResult(Process.GetProcessesByName("ffprobe").Any() ? "" : null), "the check to start");

        var restarted = first.Restarted();
        await first.DisposeAsync();
        File.Delete(blob);
        File.Copy(samples["good.mp4"], blob);
        await restarted.InitializeAsync();
        try
        {
            var (_, check) = await probe.WaitForAsync<MediaChecked>(c => c.EntryId == entry.EntryId, TimeSpan.FromSeconds(60));
            Assert.Equal(Verdict.Passed, check.Verdict);
            await Eventually.NeverAsync(() => probe.Received<MediaChecked>().Count(c => c.Message.EntryId == entry.EntryId) > 1, "a second verdict after the restart");
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }
}
