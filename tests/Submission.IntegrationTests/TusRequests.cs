using System.Net.Http.Headers;
using System.Text;

namespace Campaign.Submission.IntegrationTests;

/// <summary>tus requests as a client writes them, for the protocol tests.</summary>
public static class TusRequests
{
    public static string Meta(params (string Key, string Value)[] pairs) =>
        string.Join(',', pairs.Select(p => $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));

    public static string ClipMeta(string filename = "作品.mp4") => Meta(("campaignId", "test-2026"), ("categoryId", "clip"), ("filename", filename));

    public static HttpRequestMessage Tus(HttpMethod method, string url, Action<HttpRequestMessage>? more = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        more?.Invoke(request);
        return request;
    }

    /// <summary>A POST standing for <paramref name="method"/>, as clients without PATCH, HEAD or DELETE send it.</summary>
    public static HttpRequestMessage Overridden(string method, string url, Action<HttpRequestMessage>? more = null) =>
        Tus(HttpMethod.Post, url, r =>
        {
            r.Headers.Add("X-HTTP-Method-Override", method);
            more?.Invoke(r);
        });

    public static void Chunk(this HttpRequestMessage r, long offset, byte[] bytes, string? checksum = null)
    {
        r.Headers.Add("Upload-Offset", offset.ToString());
        if (checksum is not null) r.Headers.Add("Upload-Checksum", checksum);
        r.Content = new ByteArrayContent(bytes);
        r.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
    }

    public static long Header(this HttpResponseMessage response, string name) => long.Parse(response.Headers.GetValues(name).Single());

    public static Guid IdOf(Uri upload) => Guid.Parse(upload.ToString().Split('/')[^1]);
}
