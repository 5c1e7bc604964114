using System.Security.Cryptography;
using System.Text;
using Campaign.Campaigns;
using Campaign.Submission.Uploads;

namespace Campaign.Submission.Tests;

/// <summary>The tus 1.0 headers as the server reads them, without a request.</summary>
public sealed class SpeakingTus
{
    [Theory]
    [InlineData("OPTIONS", null, true)]
    [InlineData("GET", null, true)]
    [InlineData("PATCH", "1.0.0", true)]
    [InlineData("POST", "0.2.2", false)]
    [InlineData("HEAD", null, false)]
    public void Every_request_but_discovery_and_the_status_read_names_the_version(string method, string? header, bool spoken)
    {
        Assert.Equal(spoken, TusProtocol.SpeaksVersion(method, header));
        Assert.Equal(412, TusProtocol.UnsupportedVersion.Status);
    }

    [Theory]
    [InlineData("300", 300L)]
    [InlineData("0", 0L)]
    [InlineData("-1", null)]
    [InlineData("+1", null)]
    [InlineData(" 1", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Lengths_and_offsets_are_digits_only(string? header, long? size) => Assert.Equal(size, TusProtocol.ParseSize(header));

    [Fact]
    public void Metadata_is_base64_values_by_key_and_a_value_that_is_not_base64_is_left_out()
    {
        string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
        var metadata = TusProtocol.ParseMetadata($"filename {B64("作品.mp4")}, campaignId {B64("liaoning-2021")},is_confidential,broken ***");

        Assert.Equal("作品.mp4", metadata["filename"]);
        Assert.Equal("liaoning-2021", metadata["campaignId"]);
        Assert.Equal("", metadata["is_confidential"]);
        Assert.False(metadata.ContainsKey("broken"));
    }

    [Fact]
    public void A_checksum_names_one_of_the_announced_algorithms_and_a_base64_digest()
    {
        Assert.True(TusProtocol.TryParseChecksum(null, out var none));
        Assert.Null(none);
        var digest = SHA1.HashData("abc"u8);
        Assert.True(TusProtocol.TryParseChecksum("SHA1 " + Convert.ToBase64String(digest), out var sha1));
        Assert.Equal(HashAlgorithmName.SHA1, sha1!.Algorithm);
        Assert.Equal(digest, sha1.Expected);

        Assert.False(TusProtocol.TryParseChecksum("crc32 AAAA", out _));
        Assert.False(TusProtocol.TryParseChecksum("sha256", out _));
        Assert.False(TusProtocol.TryParseChecksum("md5 not-base64!", out _));
        Assert.Equal(["sha1", "sha256", "md5"], TusProtocol.ChecksumAlgorithms);
    }

    [Fact]
    public void V3_a_length_over_the_limit_is_refused_with_both_sizes()
    {
        var video = CampaignCatalog.LoadDefault().FindCategory("video")!;
        var (limit, rule) = UploadLimits.For(video);
        Assert.Equal(("V3", 300L * 1024 * 1024), (rule, limit));

        var refused = UploadLimits.TooLarge(video, 400L * 1024 * 1024);
        Assert.Equal(("V3", 413), (refused.RuleId, refused.Status));
        Assert.EndsWith("accepts files up to 300 MB; this one declares 400 MB.", refused.Message);
    }
}
