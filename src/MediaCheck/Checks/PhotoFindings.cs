using static Campaign.MediaCheck.Checks.MediaCheckDecision;
using Campaign.Campaigns;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;

namespace Campaign.MediaCheck.Checks;

/// <summary>A photo as decoded from its content: codec and size, or why it could not be decoded.</summary>
public sealed record PhotoMeasurement(string? Codec, int Width, int Height, bool LooksLikeHeif);

/// <summary>S2: each required photo is present, decodes as an image, is high definition and names the worker.</summary>
public static class PhotoFindings
{
    public static IEnumerable<Finding> Decide(StoryRules rules, IReadOnlyList<MediaReference> media, Func<MediaReference, PhotoMeasurement?> measured)
    {
        foreach (var role in rules.RequiredPhotos)
        {
            var name = role == "award-photo" ? "获奖照" : "工作照";
            var photo = media.FirstOrDefault(m => m.Role == role);
            if (photo is null)
            {
                yield return Found("S2", FindingStatus.Fail, "missing", role, $"缺少{name}。");
                continue;
            }
            var floor = $"≥ {rules.MinPhotoWidth}x{rules.MinPhotoHeight}";
            yield return measured(photo) switch
            {
                null or { Codec: null, LooksLikeHeif: false } => Found("S2", FindingStatus.Fail, "unreadable", "JPEG/PNG/HEIC", $"{name}无法识别为图片。"),
                { Codec: null } => Found("S2", FindingStatus.NeedsReview, "HEIC", floor, $"{name}为HEIC格式，本机无法解码，请人工查看清晰度。"),
                var p when Math.Max(p.Width, p.Height) < Math.Max(rules.MinPhotoWidth, rules.MinPhotoHeight)
                           || Math.Min(p.Width, p.Height) < Math.Min(rules.MinPhotoWidth, rules.MinPhotoHeight) =>
                    Found("S2", FindingStatus.Fail, $"{p.Width}x{p.Height}", floor, $"{name}分辨率{p.Width}x{p.Height}，不是高清照片。"),
                var p when string.IsNullOrWhiteSpace(photo.Caption) =>
                    Found("S2", FindingStatus.Fail, $"{p.Width}x{p.Height}", "署姓名", $"{name}未署劳模姓名。"),
                var p => Found("S2", FindingStatus.Pass, $"{p.Width}x{p.Height}", floor, $"{name}（{photo.Caption!.Trim()}）符合要求。"),
            };
        }
    }
}
