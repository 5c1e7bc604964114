using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Campaign.Submission.Uploads;
using Campaign.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Campaign.Submission.IntegrationTests.TusRequests;

namespace Campaign.Submission.IntegrationTests;

/// <summary>
/// The tus extensions the common clients use when the server offers them (issue 16): the method override
/// of clients without PATCH (WeChat mini-programs), creation-with-upload, concatenation (tus-js-client's
/// parallelUploads), and discovery that names exactly these.
/// </summary>
public sealed class UploadingWithTusExtensions(SubmissionFixture service) : IClassFixture<SubmissionFixture>
{
    private static async Task<Uri> CreateAsync(HttpClient client, long length, string? concat = null, string? metadata = null)
    {
        var response = await client.SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
        {
            r.Headers.Add("Upload-Length", length.ToString());
            r.Headers.Add("Upload-Metadata", metadata ?? ClipMeta());
            if (concat is not null) r.Headers.Add("Upload-Concat", concat);
        }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!;
    }

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, Uri upload, long offset, byte[] bytes) =>
        client.SendAsync(Tus(HttpMethod.Patch, upload.ToString(), r => r.Chunk(offset, bytes)));

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task Discovery_names_exactly_the_extensions_the_server_implements()
    {
        var response = await service.ClientAs(null).SendAsync(new HttpRequestMessage(HttpMethod.Options, "/uploads"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(["creation", "creation-with-upload", "termination", "checksum", "expiration", "concatenation"],
            response.Headers.GetValues("Tus-Extension").Single().Split(','));
    }

    [Fact]
    public async Task V3_discovery_tells_a_categorys_own_maximum_size_when_asked_for_it()
    {
        var client = service.ClientAs(null);
        var video = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/uploads?campaignId=media-2026&categoryId=video"));
        Assert.Equal(3_000_000, video.Header("Tus-Max-Size"));
        var any = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/uploads"));
        Assert.True(any.Header("Tus-Max-Size") >= 314_572_800); // the largest any category accepts
    }

    [Fact]
    public async Task PATCH_HEAD_and_DELETE_sent_as_POST_with_X_HTTP_Method_Override_get_the_same_checks_and_answers()
    {
        var client = service.ClientAs(Users.NewWorker());
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var upload = await CreateAsync(client, bytes.Length);

        var first = await client.SendAsync(Overridden("PATCH", upload.ToString(), r => r.Chunk(0, bytes[..100_000])));
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(100_000, first.Header("Upload-Offset"));
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(Overridden("PATCH", upload.ToString(), r => r.Chunk(5, bytes[5..])))).StatusCode);
        var badSum = "sha1 " + Convert.ToBase64String(SHA1.HashData(bytes[..10]));
        Assert.Equal(460, (int)(await client.SendAsync(Overridden("PATCH", upload.ToString(), r => r.Chunk(100_000, bytes[100_000..200_000], badSum)))).StatusCode);
        var withoutVersion = Overridden("PATCH", upload.ToString(), r => r.Chunk(100_000, bytes[100_000..]));
        withoutVersion.Headers.Remove("Tus-Resumable");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(withoutVersion)).StatusCode);

        var head = await client.SendAsync(Overridden("HEAD", upload.ToString()));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(100_000, head.Header("Upload-Offset"));
        Assert.Equal(bytes.Length, head.Header("Upload-Length"));
        Assert.Equal(HttpStatusCode.NotFound, (await service.ClientAs(Users.NewWorker()).SendAsync(Overridden("HEAD", upload.ToString()))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Overridden("PATCH", upload.ToString(), r => r.Chunk(100_000, bytes[100_000..])))).StatusCode);
        Assert.Equal(Sha256(bytes), (await client.GetFromJsonAsync<TusEndpoints.UploadStatus>(upload.ToString()))!.Sha256);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.SendAsync(Overridden("PUT", upload.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Overridden("DELETE", upload.ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Tus(HttpMethod.Head, upload.ToString()))).StatusCode);
    }

    [Fact]
    public async Task Creation_with_upload_a_photo_goes_up_in_the_request_that_creates_it()
    {
        var client = service.ClientAs(Users.NewWorker());
        var photo = RandomNumberGenerator.GetBytes(200_000);
        var response = await client.SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
        {
            r.Headers.Add("Upload-Length", photo.Length.ToString());
            r.Headers.Add("Upload-Metadata", ClipMeta("工作照.jpg"));
            r.Chunk(0, photo, "sha256 " + Convert.ToBase64String(SHA256.HashData(photo)));
            r.Headers.Remove("Upload-Offset");
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(photo.Length, response.Header("Upload-Offset"));
        var status = await client.GetFromJsonAsync<TusEndpoints.UploadStatus>(response.Headers.Location!.ToString());
        Assert.Equal(Sha256(photo), status!.Sha256);
    }

    [Fact]
    public async Task Creation_with_upload_keeps_no_bytes_of_a_body_that_fails_its_checksum_and_the_client_goes_on_from_offset_zero()
    {
        var client = service.ClientAs(Users.NewWorker());
        var photo = RandomNumberGenerator.GetBytes(50_000);
        var response = await client.SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
        {
            r.Headers.Add("Upload-Length", photo.Length.ToString());
            r.Headers.Add("Upload-Metadata", ClipMeta());
            r.Chunk(0, photo, "sha256 " + Convert.ToBase64String(SHA256.HashData(photo[1..])));
            r.Headers.Remove("Upload-Offset");
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, response.Header("Upload-Offset"));
        var upload = response.Headers.Location!;
        Assert.Equal(HttpStatusCode.NoContent, (await PatchAsync(client, upload, 0, photo)).StatusCode);
        Assert.Equal(Sha256(photo), (await client.GetFromJsonAsync<TusEndpoints.UploadStatus>(upload.ToString()))!.Sha256);
    }

    [Fact]
    public async Task Concatenation_joins_parts_sent_on_several_connections_in_the_order_the_final_upload_names_them()
    {
        var client = service.ClientAs(Users.NewWorker());
        var bytes = RandomNumberGenerator.GetBytes(900_000);
        var pieces = new[] { bytes[..300_000], bytes[300_000..700_000], bytes[700_000..] };
        // tus-js-client sends its parts without metadata unless told otherwise; one part here is named.
        var parts = new[]
        {
            await CreateAsync(client, pieces[0].Length, "partial", ""),
            await CreateAsync(client, pieces[1].Length, "partial", ClipMeta()),
            await CreateAsync(client, pieces[2].Length, "partial", ""),
        };
        // In reverse order, at the same time: each part is its own upload.
        await Task.WhenAll(parts.Select((p, i) => PatchAsync(client, p, 0, pieces[i])).Reverse().Select(async t => (await t).EnsureSuccessStatusCode()));
        var head = await client.SendAsync(Tus(HttpMethod.Head, parts[1].ToString()));
        Assert.Equal("partial", head.Headers.GetValues("Upload-Concat").Single());
        Assert.Equal(pieces[1].Length, head.Header("Upload-Offset"));

        var final = await client.SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
        {
            r.Headers.Add("Upload-Concat", "final;" + string.Join(' ', parts.Select(p => new Uri(service.Server.BaseAddress, p).ToString())));
            r.Headers.Add("Upload-Metadata", ClipMeta());
        }));

        Assert.Equal(HttpStatusCode.Created, final.StatusCode);
        var upload = final.Headers.Location!;
        var status = await client.GetFromJsonAsync<TusEndpoints.UploadStatus>(upload.ToString());
        Assert.Equal(Sha256(bytes), status!.Sha256);
        Assert.Equal(bytes.Length, status.Length);
        Assert.Equal(bytes.Length, (await client.SendAsync(Tus(HttpMethod.Head, upload.ToString()))).Header("Upload-Offset"));
        Assert.Equal(HttpStatusCode.Forbidden, (await PatchAsync(client, upload, bytes.Length, [1])).StatusCode);
        foreach (var part in parts) // joined: the parts are gone, their bytes are the final upload's
            Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Tus(HttpMethod.Head, part.ToString()))).StatusCode);
        var options = service.Services.GetRequiredService<IOptions<UploadOptions>>().Value;
        Assert.All(parts, p => Assert.False(File.Exists(options.PartFile(IdOf(p)))));
    }

    [Fact]
    public async Task Concatenation_refuses_a_final_upload_of_unfinished_or_foreign_parts()
    {
        var worker = Users.NewWorker();
        var client = service.ClientAs(worker);
        var unfinished = await CreateAsync(client, 1000, "partial", "");
        (await PatchAsync(client, unfinished, 0, new byte[400])).EnsureSuccessStatusCode();
        var other = service.ClientAs(Users.NewWorker());
        var foreign = await CreateAsync(other, 10, "partial", "");
        (await PatchAsync(other, foreign, 0, new byte[10])).EnsureSuccessStatusCode();
        var whole = await CreateAsync(client, 10); // not a partial upload
        (await PatchAsync(client, whole, 0, new byte[10])).EnsureSuccessStatusCode();

        foreach (var part in new[] { unfinished, foreign, whole })
        {
            var response = await client.SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
            {
                r.Headers.Add("Upload-Concat", $"final;{part}");
                r.Headers.Add("Upload-Metadata", ClipMeta());
            }));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        var garbled = await client.SendAsync(Tus(HttpMethod.Post, "/uploads", r => r.Headers.Add("Upload-Concat", "final;/uploads/not-an-id")));
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        Assert.Equal(400, (await client.SendAsync(Tus(HttpMethod.Head, unfinished.ToString()))).Header("Upload-Offset")); // left as it was
    }

    [Fact]
    public async Task V3_parts_that_add_up_to_more_than_the_categorys_limit_are_refused_when_joined()
    {
        var client = service.ClientAs(Users.NewWorker());
        var video = Meta(("campaignId", "media-2026"), ("categoryId", "video"), ("filename", "v.mp4"));
        var parts = new[] { await CreateAsync(client, 2_000_000, "partial", ""), await CreateAsync(client, 1_000_001, "partial", "") };
        (await PatchAsync(client, parts[0], 0, new byte[2_000_000])).EnsureSuccessStatusCode();
        (await PatchAsync(client, parts[1], 0, new byte[1_000_001])).EnsureSuccessStatusCode();

        var response = await client.SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
        {
            r.Headers.Add("Upload-Concat", "final;" + string.Join(' ', parts.Select(p => p.ToString())));
            r.Headers.Add("Upload-Metadata", video);
        }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("V3", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ruleId").GetString());
        Assert.Equal(3_000_000, response.Header("Tus-Max-Size"));
        // A part that names its category is held to its limit before a byte is sent.
        var named = await client.SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
        {
            r.Headers.Add("Upload-Length", "3000001");
            r.Headers.Add("Upload-Concat", "partial");
            r.Headers.Add("Upload-Metadata", video);
        }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, named.StatusCode);
    }
}
