using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Campaign.Contracts.Submission;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.ReplacingMedia;
using Campaign.Submission.Entries.SubmittingEntry;
using Campaign.Submission.Uploads;
using Campaign.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaign.Submission.IntegrationTests;

/// <summary>The tus 1.0 protocol as the server speaks it: core, creation, termination, checksum, expiration.</summary>
public sealed class UploadingWithTus(SubmissionFixture service) : IClassFixture<SubmissionFixture>
{
    private static string Meta(params (string Key, string Value)[] pairs) =>
        string.Join(',', pairs.Select(p => $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));

    private static HttpRequestMessage Tus(HttpMethod method, string url, Action<HttpRequestMessage>? more = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        more?.Invoke(request);
        return request;
    }

    private static async Task<Uri> CreateAsync(HttpClient client, long length, string category = "clip", string campaign = "test-2026")
    {
        var response = await client.SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
        {
            r.Headers.Add("Upload-Length", length.ToString());
            r.Headers.Add("Upload-Metadata", Meta(("campaignId", campaign), ("categoryId", category), ("filename", "作品.mp4")));
        }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Resumable").Single());
        return response.Headers.Location!;
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, Uri upload, long offset, byte[] bytes, string? checksum = null) =>
        client.SendAsync(Tus(HttpMethod.Patch, upload.ToString(), r =>
        {
            r.Headers.Add("Upload-Offset", offset.ToString());
            if (checksum is not null) r.Headers.Add("Upload-Checksum", checksum);
            r.Content = new ByteArrayContent(bytes);
            r.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        }));

    private static async Task<long> OffsetAsync(HttpClient client, Uri upload) =>
        long.Parse((await client.SendAsync(Tus(HttpMethod.Head, upload.ToString()))).Headers.GetValues("Upload-Offset").Single());

    [Fact]
    public async Task Discovery_names_the_version_the_extensions_and_the_checksums()
    {
        var response = await service.ClientAs(null).SendAsync(new HttpRequestMessage(HttpMethod.Options, "/uploads"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("checksum", response.Headers.GetValues("Tus-Extension").Single().Split(','));
        Assert.Contains("sha1", response.Headers.GetValues("Tus-Checksum-Algorithm").Single());
    }

    [Fact]
    public async Task V3_a_declared_length_over_the_categorys_limit_is_refused_before_a_byte_is_sent()
    {
        var response = await service.ClientAs(Users.NewWorker()).SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
        {
            r.Headers.Add("Upload-Length", "3000001");
            r.Headers.Add("Upload-Metadata", Meta(("campaignId", "media-2026"), ("categoryId", "video"), ("filename", "big.mp4")));
        }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("V3", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ruleId").GetString());
        Assert.Equal("3000000", response.Headers.GetValues("Tus-Max-Size").Single());
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Resumable").Single());
    }

    [Fact]
    public async Task A_file_name_is_kept_as_names_are_without_its_path_or_invisible_characters_and_a_reversed_one_is_refused()
    {
        var client = service.ClientAs(Users.NewWorker());
        Task<HttpResponseMessage> CreateNamedAsync(string name) => client.SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
        {
            r.Headers.Add("Upload-Length", "10");
            r.Headers.Add("Upload-Metadata", Meta(("campaignId", "test-2026"), ("categoryId", "clip"), ("filename", name)));
        }));

        // "作品" + RIGHT-TO-LEFT OVERRIDE + "4pm.exe" would show as "作品exe.mp4".
        var reversed = await CreateNamedAsync("作品\u202E4pm.exe");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains("filename", (await reversed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var tooLong = await CreateNamedAsync(new string('名', 300) + ".mp4");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        var kept = await CreateNamedAsync("/srv/upload/作\u200B品.mp4");
        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        await using var session = service.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        var upload = await session.LoadAsync<Upload>(Guid.Parse(kept.Headers.Location!.ToString().Split('/')[^1]));
        Assert.Equal("作品.mp4", upload!.FileName);
    }

    [Theory]
    [InlineData("zh-CN", "短片的作品文件不超过314,572,800字节，本文件为314,572,801字节。")]
    [InlineData("en", "短片 accepts files up to 314,572,800 bytes; this one declares 314,572,801 bytes.")]
    public async Task V3_a_file_one_byte_over_300_MB_is_told_the_sizes_so_the_difference_shows(string language, string detail)
    {
        var response = await service.ClientAs(Users.NewWorker()).SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
        {
            r.Headers.Add("Upload-Length", (300L * 1024 * 1024 + 1).ToString());
            r.Headers.Add("Upload-Metadata", Meta(("campaignId", "test-2026"), ("categoryId", "clip"), ("filename", "big.mp4")));
            r.Headers.AcceptLanguage.ParseAdd(language);
        }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal("314572800", response.Headers.GetValues("Tus-Max-Size").Single());
    }

    [Fact]
    public async Task An_upload_in_checksummed_chunks_resumes_from_its_offset_and_lands_in_the_media_store_by_content()
    {
        var client = service.ClientAs(Users.NewWorker());
        var bytes = RandomNumberGenerator.GetBytes(1_000_000);
        var upload = await CreateAsync(client, bytes.Length);

        var first = bytes[..400_000];
        var ok = await PatchAsync(client, upload, 0, first, "sha1 " + Convert.ToBase64String(SHA1.HashData(first)));
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(400_000, await OffsetAsync(client, upload));

        var second = bytes[400_000..700_000];
        Assert.Equal(460, (int)(await PatchAsync(client, upload, 400_000, second, "sha1 " + Convert.ToBase64String(SHA1.HashData(first)))).StatusCode);
        Assert.Equal(400_000, await OffsetAsync(client, upload)); // the bad chunk was discarded
        Assert.Equal(HttpStatusCode.Conflict, (await PatchAsync(client, upload, 123, second)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(client, upload, 400_000, second)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(client, upload, 700_000, bytes[700_000..])).StatusCode);

        var status = await client.GetFromJsonAsync<TusEndpoints.UploadStatus>(upload.ToString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), status!.Sha256);
        Assert.Equal(bytes.Length, status.Offset);
        Assert.Equal(HttpStatusCode.NotFound, (await service.ClientAs(Users.NewWorker()).SendAsync(Tus(HttpMethod.Head, upload.ToString()))).StatusCode);
    }

    [Fact]
    public async Task A_finished_upload_is_attached_to_an_entry_and_replacing_it_starts_a_new_check()
    {
        var worker = Users.NewWorkerOf("city-a");
        var client = service.ClientAs(worker);
        async Task<Guid> UploadAsync(byte[] bytes)
        {
            var upload = await CreateAsync(client, bytes.Length);
            (await PatchAsync(client, upload, 0, bytes)).EnsureSuccessStatusCode();
            return Guid.Parse(upload.ToString().Split('/')[^1]);
        }
        var first = RandomNumberGenerator.GetBytes(5000);
        var request = new SubmitEntryRequest("test-2026", "clip", "奋斗者", "city-a", "individual", new Consent("v1", true), null, null,
            [new AttachedMedia(await UploadAsync(first), "work")]);
        var response = await client.PostAsJsonAsync("/entries", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var entry = (await response.Content.ReadFromJsonAsync<Entry>())!;
        var (_, submitted) = await service.Bus.WaitForAsync<EntrySubmitted>(e => e.EntryId == entry.Id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(first)), Assert.Single(submitted.Media).Sha256);

        var second = RandomNumberGenerator.GetBytes(7000);
        var replaced = await client.PutAsJsonAsync($"/entries/{entry.Id}/media", new ReplaceMediaRequest([new AttachedMedia(await UploadAsync(second), "work")]));
        Assert.Equal(HttpStatusCode.Accepted, replaced.StatusCode);
        var (_, changed) = await service.Bus.WaitForAsync<EntryMediaChanged>(e => e.EntryId == entry.Id);
        Assert.Equal(7000, Assert.Single(changed.Media).Length);

        var withoutFile = await client.PostAsJsonAsync("/entries", request with { Media = [] });
        Assert.Equal("V1", (await withoutFile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ruleId").GetString());
    }

    [Fact]
    public async Task Termination_and_expiry_remove_the_upload_and_its_bytes()
    {
        var client = service.ClientAs(Users.NewWorker());
        var terminated = await CreateAsync(client, 100);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Tus(HttpMethod.Delete, terminated.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Tus(HttpMethod.Head, terminated.ToString()))).StatusCode);

        var options = service.Services.GetRequiredService<IOptions<UploadOptions>>().Value;
        var abandoned = await CreateAsync(client, 100);
        (await PatchAsync(client, abandoned, 0, new byte[10])).EnsureSuccessStatusCode();
        var id = Guid.Parse(abandoned.ToString().Split('/')[^1]);
        Assert.True(File.Exists(options.PartFile(id)));

        var sweeper = service.Services.GetRequiredService<ExpiredUploadSweeper>();
        var clock = new ShiftedClock(TimeProvider.System, options.ExpireAfter + TimeSpan.FromMinutes(1));
        Assert.True(await new ExpiredUploadSweeper(service.Services.GetRequiredService<Marten.IDocumentStore>(),
            service.Services.GetRequiredService<IOptions<UploadOptions>>(), clock,
            service.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ExpiredUploadSweeper>>()).SweepAsync(CancellationToken.None) >= 1);
        Assert.False(File.Exists(options.PartFile(id)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Tus(HttpMethod.Head, abandoned.ToString()))).StatusCode);
        Assert.NotNull(sweeper);
    }

    private sealed class ShiftedClock(TimeProvider inner, TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + shift;
    }
}
