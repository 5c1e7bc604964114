using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Campaign.Submission.Uploads;
using Campaign.TestSupport;
using static Campaign.Submission.IntegrationTests.TusRequests;

namespace Campaign.Submission.IntegrationTests;

/// <summary>
/// Each request TUSKit (iOS, 3.x) and tus-android-client (tus-java-client 0.5) send, written as they
/// write it, against the real service on a real socket (docs/mobile-clients.md). Neither client sends
/// Upload-Checksum; the server's checksum extension is tested with the header an app adds itself.
/// </summary>
public sealed class UploadingFromMobileApps(KestrelSubmissionFixture service) : IClassFixture<KestrelSubmissionFixture>
{
    private HttpClient Client(Campaign.ServiceDefaults.Identity.SampleUser worker)
    {
        var client = new HttpClient { BaseAddress = service.ServerAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.For(worker));
        return client;
    }

    /// <summary>A body of unknown length: sent chunked, as HttpURLConnection's setChunkedStreamingMode sends it.</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();
        protected override bool TryComputeLength(out long length) { length = -1; return false; }
    }

    [Fact]
    public async Task TUSKit_creates_with_its_metadata_patches_with_a_content_length_reads_the_offset_by_HEAD_and_terminates()
    {
        var worker = Users.NewWorker();
        var client = Client(worker);
        var bytes = RandomNumberGenerator.GetBytes(1_200_000);

        // TUSKit: "TUS-Resumable", its own "Upload-Extension: creation", filename and filetype, and the app's context as metadata (", " between pairs).
        var create = new HttpRequestMessage(HttpMethod.Post, "/uploads");
        create.Headers.Add("TUS-Resumable", "1.0.0");
        create.Headers.Add("Upload-Extension", "creation");
        create.Headers.Add("Upload-Length", bytes.Length.ToString());
        create.Headers.Add("Upload-Metadata", Meta(("filename", "IMG_0001.MOV"), ("filetype", "video/quicktime")) + ", " + ClipMeta("IMG_0001.MOV"));
        var created = await client.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var upload = new Uri(service.ServerAddress, created.Headers.Location!); // TUSKit resolves Location against the server URL

        // TUSKit's chunks: 500 KB by default, each with its Content-Length.
        for (var offset = 0; offset < 1_000_000; offset += 500_000)
        {
            var patch = new HttpRequestMessage(HttpMethod.Patch, upload);
            patch.Headers.Add("TUS-Resumable", "1.0.0");
            patch.Chunk(offset, bytes[offset..(offset + 500_000)]);
            var patched = await client.SendAsync(patch);
            Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
            Assert.Equal(offset + 500_000, patched.Header("Upload-Offset"));
        }

        // TUSKit's status after a restart: HEAD, and it needs both Upload-Length and Upload-Offset.
        var head = new HttpRequestMessage(HttpMethod.Head, upload);
        head.Headers.Add("TUS-Resumable", "1.0.0");
        var status = await client.SendAsync(head);
        Assert.Equal(1_000_000, status.Header("Upload-Offset"));
        Assert.Equal(bytes.Length, status.Header("Upload-Length"));
        Assert.Equal("no-store", status.Headers.CacheControl?.ToString());

        var delete = new HttpRequestMessage(HttpMethod.Delete, upload);
        delete.Headers.Add("TUS-Resumable", "1.0.0");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(delete)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Tus(HttpMethod.Head, upload.ToString()))).StatusCode);
    }

    [Theory]
    [InlineData(false)] // PATCH, as Android's HttpURLConnection sends it
    [InlineData(true)]  // POST + X-HTTP-Method-Override: PATCH, tus-java-client's fallback where the JRE refuses PATCH
    public async Task Tus_android_client_streams_chunked_bodies_with_Expect_100_continue_and_resumes_from_HEAD(bool overridden)
    {
        var worker = Users.NewWorker();
        var client = Client(worker);
        var bytes = RandomNumberGenerator.GetBytes(2_500_000);

        // tus-java-client's createUpload: Upload-Length, the app's metadata map, the app's headers (Authorization).
        var created = await client.SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
        {
            r.Headers.Add("Upload-Length", bytes.Length.ToString());
            r.Headers.Add("Upload-Metadata", ClipMeta("VID_20260501.mp4"));
        }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var upload = new Uri(service.ServerAddress, created.Headers.Location!);

        async Task<HttpResponseMessage> SendAsync(long offset, byte[] chunk)
        {
            var request = overridden ? Overridden("PATCH", upload.ToString()) : Tus(HttpMethod.Patch, upload.ToString());
            request.Headers.Add("Upload-Offset", offset.ToString());
            request.Headers.ExpectContinue = true;
            request.Content = new ChunkedContent(chunk);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            return await client.SendAsync(request);
        }

        // One request per payload (10 MB by default; smaller here), the offset read back from each answer.
        var first = await SendAsync(0, bytes[..1_000_000]);
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(1_000_000, first.Header("Upload-Offset"));

        // resumeUpload after the app restarts: HEAD for the offset, then on from there.
        var head = await client.SendAsync(overridden ? Overridden("HEAD", upload.ToString()) : Tus(HttpMethod.Head, upload.ToString()));
        Assert.Equal(1_000_000, head.Header("Upload-Offset"));
        var rest = await SendAsync(1_000_000, bytes[1_000_000..]);
        Assert.Equal(HttpStatusCode.NoContent, rest.StatusCode);

        var status = await client.GetFromJsonAsync<TusEndpoints.UploadStatus>(upload.AbsolutePath);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), status!.Sha256);
    }

    [Fact]
    public async Task A_chunk_with_the_checksum_an_app_adds_is_kept_when_it_matches_and_discarded_when_not()
    {
        var client = Client(Users.NewWorker());
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        var created = await client.SendAsync(Tus(HttpMethod.Post, "/uploads", r =>
        {
            r.Headers.Add("Upload-Length", bytes.Length.ToString());
            r.Headers.Add("Upload-Metadata", ClipMeta());
        }));
        var upload = new Uri(service.ServerAddress, created.Headers.Location!).ToString();
        var wrong = "sha256 " + Convert.ToBase64String(SHA256.HashData(bytes[1..]));
        Assert.Equal(460, (int)(await client.SendAsync(Tus(HttpMethod.Patch, upload, r => r.Chunk(0, bytes, wrong)))).StatusCode);
        Assert.Equal(0, (await client.SendAsync(Tus(HttpMethod.Head, upload))).Header("Upload-Offset"));
        var right = "sha256 " + Convert.ToBase64String(SHA256.HashData(bytes));
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(Tus(HttpMethod.Patch, upload, r => r.Chunk(0, bytes, right)))).StatusCode);
    }
}
