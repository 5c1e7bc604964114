using System.Diagnostics;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.Media;
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
    public async Task A_file_replaced_while_its_check_runs_ends_with_the_new_files_verdict()
    {
        var old = await Store(service.MediaRoot, samples["eight-seconds.mp4"]);
        var blob = (await new FileSystemMediaStore(service.MediaRoot).GetLocalPathAsync(old.Sha256, CancellationToken.None))!;
        // The old file is a pipe nobody writes to yet: its check starts and stays running until the test lets it end.
        File.Delete(blob);
        Process.Start("mkfifo", [blob]).WaitForExit();
        var entry = Video(old);
        await service.Bus.PublishAsync(entry, Guid.NewGuid());
        await Eventually.GetAsync(() => Task.FromResult(ProcessesReading(blob) >= 2 ? "" : null), "ffprobe and ffmpeg to open the old file");

        var replacement = await Store(service.MediaRoot, samples["good.mp4"]);
        await service.Bus.PublishAsync(new EntryMediaChanged(entry.EntryId, entry.CampaignId, entry.CategoryId, [replacement], "worker-1", DateTimeOffset.UtcNow), Guid.NewGuid());
        // Long enough for the change to be delivered while the first check runs (and, if it were refused, for its retries to give up).
        await Task.Delay(TimeSpan.FromSeconds(5));
        // The submission heard again beside a new story, in one batch: the entry waits for its check to end, the story does not.
        var story = new EntrySubmitted(Guid.CreateVersion7(), "test-2026", "story", "t", "city-a", "individual", "worker-1", "一二三四五六七八九十，劳模精神。", [], DateTimeOffset.UtcNow);
        await Task.WhenAll(service.Bus.PublishAsync(entry, Guid.NewGuid()), service.Bus.PublishAsync(story, Guid.NewGuid()));
        await service.Bus.WaitForAsync<MediaChecked>(c => c.EntryId == story.EntryId, TimeSpan.FromSeconds(60));
        Assert.True(ProcessesReading(blob) >= 1, "the first check still runs");
        Process.Start("sh", ["-c", $": > '{blob}'"]).WaitForExit(); // the writer closes at once: the old file reads as empty

        await service.Bus.WaitForAsync<MediaChecked>(c => c.EntryId == entry.EntryId && c.Media is [var m] && m == replacement.Sha256, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(6)); // past the outbox poll and the management API's statistics interval
        var checks = service.Bus.Received<MediaChecked>().Select(r => r.Message).Where(c => c.EntryId == entry.EntryId).OrderBy(c => c.CheckedAt).ToList();
        var last = checks[^1];
        Assert.Equal([replacement.Sha256], last.Media!);
        Assert.Equal(Verdict.Passed, last.Verdict);
        Assert.All(checks, c => Assert.True(c.Media is [var m] && (m == old.Sha256 || m == replacement.Sha256)));
        Assert.Equal(0, await service.Servers.MessagesInQueueAsync(service.RabbitMq, "mediacheck-entry-submitted_error"));
    }

    [Fact]
    public async Task A_replacement_heard_before_its_submission_is_kept_and_checked_once_the_submission_arrives()
    {
        var entry = Video(await Store(service.MediaRoot, samples["eight-seconds.mp4"]));
        var replacement = await Store(service.MediaRoot, samples["good.mp4"]);
        await service.Bus.PublishAsync(new EntryMediaChanged(entry.EntryId, entry.CampaignId, entry.CategoryId, [replacement], "worker-1", DateTimeOffset.UtcNow), Guid.NewGuid());
        // Long enough for the change to be handled alone (and, if it were refused, for its retries to give up).
        await Task.Delay(TimeSpan.FromSeconds(5));
        await service.Bus.PublishAsync(entry, Guid.NewGuid());

        var (_, check) = await service.Bus.WaitForAsync<MediaChecked>(c => c.EntryId == entry.EntryId, TimeSpan.FromSeconds(60));
        Assert.Equal([replacement.Sha256], check.Media!);
        Assert.Equal(Verdict.Passed, check.Verdict);
        await Task.Delay(TimeSpan.FromSeconds(6)); // past the outbox poll and the management API's statistics interval
        Assert.Single(service.Bus.Received<MediaChecked>(), r => r.Message.EntryId == entry.EntryId); // the submitted file, already replaced, is not checked
        Assert.Equal(0, await service.Servers.MessagesInQueueAsync(service.RabbitMq, "mediacheck-entry-submitted_error"));
    }

    /// <summary>Processes of this machine whose command line names the file (ffprobe and ffmpeg open it by path).</summary>
    private static int ProcessesReading(string path) =>
        Directory.EnumerateDirectories("/proc").Count(d =>
        {
            try { return int.TryParse(Path.GetFileName(d), out _) && File.ReadAllText(Path.Combine(d, "cmdline")).Contains(path, StringComparison.Ordinal); }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        });

    /// <summary>
    /// Deadline day: more videos than the queue takes at once wait for the tools (their file is a pipe nobody writes to,
    /// so the tools never finish reading it), and a story submitted after them is still checked at once — it needs no tool,
    /// and hearing of an entry never waits for one (the checks that do are queued as MediaCheckDue).
    /// </summary>
    [Fact]
    public async Task A_story_is_checked_while_more_videos_than_the_queue_takes_at_once_wait_for_the_tools()
    {
        var busy = new MediaCheckFixture();
        await busy.InitializeAsync();
        try
        {
            var work = await Store(busy.MediaRoot, samples["good.mp4"]);
            var blob = (await new FileSystemMediaStore(busy.MediaRoot).GetLocalPathAsync(work.Sha256, CancellationToken.None))!;
            File.Delete(blob);
            Process.Start("mkfifo", [blob]).WaitForExit();
            var videos = Enumerable.Range(0, 40).Select(_ => Video(work)).ToList(); // more than EntrySubmittedConsumerDefinition's 32 at once
            foreach (var video in videos) await busy.Bus.PublishAsync(video, Guid.NewGuid());
            await Eventually.GetAsync(() => Task.FromResult(ProcessesReading(blob) >= 1 ? "" : null), "the tools to open the videos' file");

            var story = new EntrySubmitted(Guid.CreateVersion7(), "test-2026", "story", "t", "city-a", "individual", "worker-1", "一二三四五六七八九十，劳模精神。", [], DateTimeOffset.UtcNow);
            await busy.Bus.PublishAsync(story, Guid.NewGuid());
            var (_, check) = await busy.Bus.WaitForAsync<MediaChecked>(c => c.EntryId == story.EntryId, TimeSpan.FromSeconds(30));
            Assert.Equal(Verdict.Passed, check.Verdict);
            Assert.DoesNotContain(busy.Bus.Received<MediaChecked>(), r => videos.Any(v => v.EntryId == r.Message.EntryId)); // the tools still wait

            // The file arrives (moved over the pipe while a writer holds it open, then the writer closes: the readers blocked on it
            // read it as empty, every later one reads the file): every queued video is checked.
            File.Copy(samples["good.mp4"], blob + ".new");
            Process.Start("sh", ["-c", $"exec 3>'{blob}'; mv '{blob}.new' '{blob}'; exec 3>&-"]).WaitForExit();
            await Eventually.GetAsync(() => Task.FromResult(videos.All(v => busy.Bus.Received<MediaChecked>().Any(r => r.Message.EntryId == v.EntryId)) ? "" : null),
                "every video's check", TimeSpan.FromMinutes(3));
        }
        finally
        {
            await busy.DisposeAsync();
        }
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
