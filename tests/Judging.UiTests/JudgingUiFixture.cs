using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.Media;
using Campaign.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.Judging.UiTests;

/// <summary>The Judging service on a real socket, the machine's Chromium, and a real video made by ffmpeg.</summary>
public class JudgingUiFixture() : ServiceFactory<Program>("judging", kestrel: true)
{
    public Chromium Chromium { get; private set; } = null!;
    public MediaReference Video { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Chromium = await Chromium.LaunchAsync();
        var file = Path.Combine(Path.GetTempPath(), $"judging-ui-{Guid.NewGuid():N}.mp4");
        // 8 s of 640×360 H.264 with AAC sound, a keyframe every second so that seeking lands anywhere.
        await Tools.FfmpegAsync("-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25:duration=8", "-f", "lavfi", "-i", "sine=frequency=440:duration=8",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac", "-movflags", "+faststart", "-shortest", file);
        var blob = await Services.GetRequiredService<IMediaStore>().ImportAsync(file, CancellationToken.None);
        Video = new MediaReference("work", blob.Sha256, blob.Length, "作品.mp4");
    }

    protected override void Observe(BusProbe.Observer o) => o.Observe<EntryReviewed>().Observe<EntryJudged>().Observe<JudgingClosed>();

    /// <summary>An entry as Submission and MediaCheck announce it; judging hears both.</summary>
    public async Task<Guid> CheckedEntryAsync(string category, string organization, string title, string? story = null)
    {
        var id = Guid.CreateVersion7();
        IReadOnlyList<MediaReference> media = category == "clip" ? [Video] : [];
        await Bus.PublishAsync(new EntrySubmitted(id, "test-2026", category, title, organization, "individual", "worker-1", story, media, DateTimeOffset.UtcNow), Guid.NewGuid());
        await Bus.PublishAsync(new MediaChecked(id, "test-2026", category, Verdict.NeedsReview,
            [new Finding("V6", FindingStatus.NeedsReview, "corner static", "none", "右上角疑似水印", "A static mark in the top-right corner")], DateTimeOffset.UtcNow), Guid.NewGuid());
        await Eventually.GetAsync(async () =>
            (await ClientAs(Users.Reviewer).GetFromJsonAsync<JsonElement[]>("/review/queue?campaignId=test-2026"))!
                .Any(e => e.GetProperty("id").GetGuid() == id) ? "" : null, "the entry in the review queue");
        return id;
    }

    /// <summary>An invitation's link, as an organizer would create it through the API.</summary>
    public async Task<string> InviteAsync(string category, string name, string? organization = null)
    {
        var response = await ClientAs(Users.Organizer).PostAsJsonAsync($"/panels/test-2026/{category}/invitations", new { name, organizationId = organization });
        response.EnsureSuccessStatusCode();
        return new Uri((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link").GetString()!).PathAndQuery;
    }

    /// <summary>The work's media from an S3-compatible bucket (s3rver): browsers get signed addresses.</summary>
    public sealed class OnS3 : JudgingUiFixture
    {
        public S3Server S3 { get; } = new();

        public override async Task InitializeAsync()
        {
            await S3.InitializeAsync();
            await base.InitializeAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Media:Store", "s3");
            builder.UseSetting("Media:S3:ServiceUrl", S3.Options.ServiceUrl);
            builder.UseSetting("Media:S3:Bucket", S3.Options.Bucket);
            builder.UseSetting("Media:S3:AccessKey", S3.Options.AccessKey);
            builder.UseSetting("Media:S3:SecretKey", S3.Options.SecretKey);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await S3.DisposeAsync();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        await base.DisposeAsync();
    }
}
