using System.Globalization;
using Campaign.Campaigns;

namespace Campaign.Submission.Uploads;

public static class UploadLimits
{
    /// <summary>V3, R3 (and S2 photos): the largest file a category accepts, with the rule that says so.</summary>
    public static (long Bytes, string RuleId) For(Category category) => category.Kind switch
    {
        "video" => (category.Media!.MaxSizeBytes, "V3"),
        "recitation" => (category.Media!.MaxSizeBytes, "R3"),
        _ => (category.Story!.MaxPhotoBytes, "S2"),
    };

    /// <summary>The category with the largest limit of all campaigns: what a client is told before it names a category.</summary>
    public static Category Largest(CampaignCatalog campaigns) => campaigns.All.SelectMany(c => c.Categories).MaxBy(c => For(c).Bytes)!;

    /// <summary>The refusal of a declared length over the category's limit, telling both sizes so that the difference shows.</summary>
    public static RuleViolationException TooLarge(Category category, long length)
    {
        var (limit, rule) = For(category);
        var (zhLimit, zhLength) = Sizes(limit, length, "字节");
        var (enLimit, enLength) = Sizes(limit, length, " bytes");
        return new RuleViolationException(rule, $"{category.Name}的作品文件不超过{zhLimit}，本文件为{zhLength}。",
            $"{category.Name} accepts files up to {enLimit}; this one declares {enLength}.", 413);
    }

    /// <summary>A limit and a length in MB, or in exact bytes where MB would round them to the same figure.</summary>
    private static (string Limit, string Length) Sizes(long limit, long length, string bytes)
    {
        static string Mb(long b) => (b / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
        string Exact(long b) => b.ToString("N0", CultureInfo.InvariantCulture) + bytes;
        return Mb(limit) != Mb(length) ? (Mb(limit), Mb(length)) : (Exact(limit), Exact(length));
    }
}
