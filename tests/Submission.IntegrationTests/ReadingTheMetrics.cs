using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Campaign.Contracts.MediaCheck;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.SubmittingEntry;
using Campaign.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace Campaign.Submission.IntegrationTests;

/// <summary>The service with its state gauges read every second, as a dashboard would see them sooner.</summary>
public sealed class MetricsFixture() : ServiceFactory<Program>("submission")
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:StateInterval", "00:00:01");
    }
}

public sealed class ReadingTheMetrics(MetricsFixture service) : IClassFixture<MetricsFixture>
{
    private static async Task Until(Func<bool> condition, string what) =>
        await Eventually.GetAsync(() => Task.FromResult(condition() ? "" : null), what);

    [Fact]
    public async Task When_an_entry_is_submitted_and_checked_Then_the_entries_gauge_moves_it_from_status_to_status()
    {
        using var metrics = new MetricsProbe(service.Services);
        (string, object) story = ("category", "story");
        double Count(EntryStatus status) => metrics.Gauge("campaign.entries", ("campaign", "test-2026"), story, ("status", status.ToString()));
        var client = service.ClientAs(Users.NewWorkerOf("city-a"));

        var before = Count(EntryStatus.Submitted);
        var response = await client.PostAsJsonAsync("/entries",
            new SubmitEntryRequest("test-2026", "story", "炉火映初心", "city-a", "individual", new Consent("c1-2026-01", true), "劳模故事：三十年如一日，守护炉火。"));
        var entry = (await response.Content.ReadFromJsonAsync<Entry>())!;
        await Until(() => Count(EntryStatus.Submitted) == before + 1, "the submitted entry counted");

        var checkedBefore = Count(EntryStatus.MediaChecked);
        await service.Bus.PublishAsync(new MediaChecked(entry.Id, "test-2026", "story", Verdict.Passed, [], DateTimeOffset.UtcNow, []), Guid.NewGuid());
        await Until(() => Count(EntryStatus.MediaChecked) == checkedBefore + 1 && Count(EntryStatus.Submitted) == before, "the entry counted as checked, no longer as submitted");
    }

    [Fact]
    public async Task When_an_upload_receives_its_bytes_Then_they_are_counted_and_it_is_in_progress_until_finished()
    {
        using var metrics = new MetricsProbe(service.Services);
        (string, object)[] clip = [("campaign", "test-2026"), ("category", "clip")];
        var client = service.ClientAs(Users.NewWorker());
        var inProgress = metrics.Gauge("campaign.uploads.in_progress", clip);

        var created = await client.SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
        {
            r.Headers.Add("Upload-Length", "10");
            r.Headers.Add("Upload-Metadata", $"campaignId {B64("test-2026")},categoryId {B64("clip")},filename {B64("a.mp4")}");
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Until(() => metrics.Gauge("campaign.uploads.in_progress", clip) == inProgress + 1, "the upload counted in progress");

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Patch(created.Headers.Location!, 0, new byte[4]))).StatusCode);
        Assert.Equal(4, metrics.Sum("campaign.uploads.received", clip));
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Patch(created.Headers.Location!, 4, new byte[6]))).StatusCode);
        Assert.Equal(10, metrics.Sum("campaign.uploads.received", clip));
        await Until(() => metrics.Gauge("campaign.uploads.in_progress", clip) == inProgress, "the finished upload no longer in progress");
    }

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    private static HttpRequestMessage Tus(HttpMethod method, string url, Action<HttpRequestMessage> more)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        more(request);
        return request;
    }

    private static HttpRequestMessage Patch(Uri upload, long offset, byte[] bytes) => Tus(HttpMethod.Patch, upload.ToString(), r =>
    {
        r.Headers.Add("Upload-Offset", offset.ToString());
        r.Content = new ByteArrayContent(bytes);
        r.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
    });
}
