using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Campaign.Campaigns;

namespace Campaign.Submission.Uploads;

/// <summary>
/// The tus 1.0 protocol without a server: what its headers say and the refusals it answers with.
/// Pure, so every rule of the protocol is tested without a request; <see cref="TusEndpoints"/>
/// returns these refusals with <c>ToProblem</c> so that the tus headers reach the client with them.
/// </summary>
public static class TusProtocol
{
    public const string Version = "1.0.0";
    /// <summary>Exactly what is implemented: not creation-defer-length (V3 needs the length first), not concatenation-unfinished.</summary>
    public const string Extensions = "creation,creation-with-upload,termination,checksum,expiration,concatenation";
    public const string ChunkContentType = "application/offset+octet-stream";
    public static readonly IReadOnlyList<string> ChecksumAlgorithms = ["sha1", "sha256", "md5"];

    /// <summary>Discovery and the status read are open to any client; every other request names the version it speaks (Tus-Resumable).</summary>
    public static bool SpeaksVersion(string method, string? tusResumable) => method is "OPTIONS" or "GET" || tusResumable == Version;

    /// <summary>Upload-Length and Upload-Offset: digits only, or null.</summary>
    public static long? ParseSize(string? header) =>
        long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : null;

    /// <summary>tus metadata: comma-separated "key base64value" pairs; a value that is not base64 is left out.</summary>
    public static Dictionary<string, string> ParseMetadata(string header)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = pair.Split(' ', 2);
            try { result[kv[0]] = kv.Length == 2 ? Encoding.UTF8.GetString(Convert.FromBase64String(kv[1])) : ""; }
            catch (FormatException) { }
        }
        return result;
    }

    /// <summary>
    /// The file's name as the client's metadata gives it, without a path, cleaned as every name people type
    /// (no bidirectional controls, bounded): it travels with the entry and is shown to reviewers.
    /// </summary>
    public static string FileName(IReadOnlyDictionary<string, string> metadata) =>
        UserText.Clean("filename", Path.GetFileName(metadata.GetValueOrDefault("filename")), UserText.FileName) ?? "file";

    /// <summary>The methods a client that cannot send them asks for by POST with X-HTTP-Method-Override.</summary>
    public static readonly IReadOnlyList<string> OverridableMethods = ["PATCH", "HEAD", "DELETE"];

    /// <summary>Upload-Concat: absent (null), "partial", or "final;" with the parts' URLs in order.</summary>
    public sealed record Concat(bool Partial, IReadOnlyList<Guid> Parts);

    /// <summary>
    /// Upload-Concat. True with null when absent; false when it is neither "partial" nor "final;" followed
    /// by at least one upload URL (absolute or relative) whose last segment is an upload id.
    /// </summary>
    public static bool TryParseConcat(string? header, out Concat? concat)
    {
        concat = null;
        if (string.IsNullOrWhiteSpace(header)) return true;
        if (header.Trim() == "partial") { concat = new Concat(true, []); return true; }
        if (!header.StartsWith("final;", StringComparison.Ordinal)) return false;
        var parts = new List<Guid>();
        foreach (var url in header["final;".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var uri)) return false;
            var path = uri.IsAbsoluteUri ? uri.AbsolutePath : url.Split('?', '#')[0];
            if (!Guid.TryParse(path.TrimEnd('/').Split('/')[^1], out var id)) return false;
            parts.Add(id);
        }
        if (parts.Count == 0) return false;
        concat = new Concat(false, parts);
        return true;
    }

    public sealed record Checksum(HashAlgorithmName Algorithm, byte[] Expected);

    /// <summary>
    /// Upload-Checksum: "algorithm base64digest". True with null when the header is absent; false when it
    /// names an algorithm of none of <see cref="ChecksumAlgorithms"/>, or its digest is not base64.
    /// </summary>
    public static bool TryParseChecksum(string? header, out Checksum? checksum)
    {
        checksum = null;
        if (string.IsNullOrWhiteSpace(header)) return true;
        var parts = header.Split(' ', 2);
        var algorithm = parts[0].ToLowerInvariant() switch
        {
            "sha1" => HashAlgorithmName.SHA1,
            "sha256" => HashAlgorithmName.SHA256,
            "md5" => HashAlgorithmName.MD5,
            _ => default,
        };
        if (algorithm == default || parts.Length < 2) return false;
        try { checksum = new Checksum(algorithm, Convert.FromBase64String(parts[1])); }
        catch (FormatException) { return false; }
        return true;
    }

    public static Refusal UnsupportedVersion => new(412, "不支持的 tus 协议版本", "Unsupported tus version", $"本服务使用 tus {Version}。", $"This server speaks tus {Version}.");

    public static Refusal LengthRequired => new(400, "缺少 Upload-Length", "Upload-Length is required",
        "不支持延迟声明长度：须先按类别上限检查文件大小。", "Deferred lengths are not supported: the length is checked against the category's limit first.");

    public static Refusal UnknownCampaignOrCategory => new(400, "没有这个活动或类别", "Unknown campaign or category",
        "Upload-Metadata 须包含 campaignId 和 categoryId。", "Upload-Metadata must name campaignId and categoryId.");

    public static Refusal WrongContentType => new(415, $"Content-Type 必须为 {ChunkContentType}", $"Content-Type must be {ChunkContentType}");

    public static Refusal UploadNotFound => Refusal.NotFound("上传不存在或已过期", "Upload not found");

    public static Refusal OffsetRequired => new(400, "缺少 Upload-Offset", "Upload-Offset is required");

    public static Refusal UnsupportedChecksum => new(400, "不支持的校验算法", "Unsupported checksum algorithm",
        $"请使用 {string.Join("、", ChecksumAlgorithms)}。", $"Use one of {string.Join(", ", ChecksumAlgorithms)}.");

    public static Refusal Busy => new(409, "另一个请求正在写入此上传", "Another request is writing this upload");

    public static Refusal OffsetMismatch(long at, long offset) =>
        new(409, "偏移量不一致", "Offset mismatch", $"上传当前位于 {at}，不是 {offset}。", $"The upload is at {at}, not {offset}.");

    public static Refusal TooManyBytes => new(413, "数据超过声明的 Upload-Length", "More bytes than the declared Upload-Length");

    public static Refusal InvalidConcat => new(400, "Upload-Concat 无效", "Invalid Upload-Concat",
        "须为 partial，或 final; 后接各部分上传的地址。", "It must be \"partial\", or \"final;\" followed by the URLs of the partial uploads.");

    public static Refusal PartNotFinished(Guid part) => new(400, "部分上传尚未完成", "A partial upload is not finished",
        $"部分上传 {part} 不存在、不属于您、不是部分上传或尚未完成；本服务不支持 concatenation-unfinished。",
        $"Partial upload {part} is missing, not yours, not partial or not finished; this server does not offer concatenation-unfinished.");

    public static Refusal FinalUploadIsClosed => new(403, "合并后的上传不能追加数据", "A final upload cannot be appended to");

    public static Refusal UnsupportedOverride => new(405, "X-HTTP-Method-Override 只能为 PATCH、HEAD 或 DELETE", "X-HTTP-Method-Override must be PATCH, HEAD or DELETE");

    public static Refusal ChecksumMismatch => new(460, "校验和不一致", "Checksum mismatch", "该数据块已丢弃，请重新发送。", "The chunk was discarded; send it again.");
}
