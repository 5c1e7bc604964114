using System.IO.Pipelines;
using System.Security.Cryptography;

namespace Campaign.Submission.Uploads;

/// <summary>The part file of an unfinished upload: its length is the offset, and bytes reach it as they arrive.</summary>
public static class PartFile
{
    /// <summary>Where the upload stands: its part file's length, or all of it once complete.</summary>
    public static long OffsetOf(Upload u, UploadOptions o) =>
        u.Completed ? u.Length : File.Exists(o.PartFile(u.Id)) ? new FileInfo(o.PartFile(u.Id)).Length : 0;

    /// <summary>Streams the body to the file as it arrives; a dropped connection keeps what arrived, so the client resumes from there.
    /// The hashes are computed on another core from copies of what was written, so the client never waits for SHA-256.</summary>
    public static async Task<(long Received, bool TooLong)> AppendAsync(PipeReader body, FileStream part, long remaining,
        IncrementalHash? hash, IncrementalHash? running, CancellationToken ct)
    {
        long received = 0;
        var hashing = new BackgroundHashing(hash, running);
        try
        {
            while (true)
            {
                var result = await body.ReadAsync(ct);
                var buffer = result.Buffer;
                if (received + buffer.Length > remaining) return (received, true);
                foreach (var segment in buffer) await part.WriteAsync(segment, CancellationToken.None);
                await hashing.AddAsync(buffer);
                received += buffer.Length;
                body.AdvanceTo(buffer.End);
                if (result.IsCompleted) return (received, false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return (received, false);
        }
        finally
        {
            // Whatever happened, the hashes cover exactly the bytes written when this returns.
            await hashing.CompleteAsync();
        }
    }
}
