using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace Campaign.Submission.Uploads;

/// <summary>The part file of an unfinished upload: its length is the offset, and bytes reach it as they arrive.</summary>
public static class PartFile
{
    /// <summary>
    /// Bytes gathered from the request before they are written and hashed at once: a few hundred of Kestrel's
    /// 4 KB buffers in one <c>pwritev</c>. It must stay under what the server keeps unread before it stops
    /// reading the socket, else the wait for more never ends: HTTP/1.1's MaxRequestBufferSize (1 MB unless
    /// configured), and at least the 64 KB stream window of HTTP/2 and HTTP/3.
    /// </summary>
    public static int BatchFor(HttpContext http) =>
        http.Request.Protocol is "HTTP/1.1" or "HTTP/1.0"
            && http.RequestServices.GetService<IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>()?.Value.Limits.MaxRequestBufferSize is var unread
            ? (int)Math.Min(256 * 1024, (unread ?? long.MaxValue) / 2)
            : 32 * 1024;

    /// <summary>What <see cref="AppendAsync"/> did. <see cref="Hashed"/> is false when a failed write left the hashes
    /// holding bytes the file may not: they no longer describe it.</summary>
    public readonly record struct Appended(long Received, bool TooLong, bool Hashed = true);

    /// <summary>Where the upload stands: its part file's length, or all of it once complete.</summary>
    public static long OffsetOf(Upload u, UploadOptions o) =>
        u.Completed ? u.Length : File.Exists(o.PartFile(u.Id)) ? new FileInfo(o.PartFile(u.Id)).Length : 0;

    /// <summary>
    /// Streams the body to the file at <paramref name="offset"/> as it arrives; a dropped connection keeps what arrived,
    /// so the client resumes from there. Kestrel's buffers are written and hashed where they lie — the write on a
    /// pool thread while this one hashes — and only then released: no byte is copied in this process.
    /// </summary>
    public static async Task<Appended> AppendAsync(PipeReader body, SafeFileHandle part, long offset, long remaining,
        int batch, IncrementalHash? hash, IncrementalHash? running, CancellationToken ct)
    {
        long received = 0;
        var segments = new List<ReadOnlyMemory<byte>>();
        try
        {
            while (true)
            {
                var result = await body.ReadAsync(ct);
                var buffer = result.Buffer;
                if (received + buffer.Length > remaining) return new(received, TooLong: true);
                if (buffer.Length < batch && !result.IsCompleted)
                {
                    body.AdvanceTo(buffer.Start, buffer.End); // nothing consumed yet: wait for more
                    continue;
                }
                segments.Clear();
                foreach (var segment in buffer) segments.Add(segment);
                var write = RandomAccess.WriteAsync(part, segments, offset + received, CancellationToken.None);
                foreach (var segment in segments)
                {
                    hash?.AppendData(segment.Span);
                    running?.AppendData(segment.Span);
                }
                try { await write; }
                catch (IOException) { return new(received, TooLong: false, Hashed: false); }
                received += buffer.Length;
                body.AdvanceTo(buffer.End);
                if (result.IsCompleted) return new(received, TooLong: false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return new(received, TooLong: false);
        }
    }
}
