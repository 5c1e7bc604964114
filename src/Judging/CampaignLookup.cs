using Campaign.Campaigns;
using Campaign.Judging.Entries;

namespace Campaign.Judging;

/// <summary>The campaign and category a judging request names, or the entry belongs to; unknown ones are 404s.</summary>
public static class CampaignLookup
{
    public static CampaignDefinition Campaign(this CampaignCatalog campaigns, string campaignId) =>
        campaigns.Find(campaignId) ?? throw Refusal.NotFound("没有这个活动。", "Unknown campaign.");

    public static Category Category(this CampaignCatalog campaigns, string campaignId, string categoryId) =>
        campaigns.Campaign(campaignId).FindCategory(categoryId) ?? throw Refusal.NotFound("没有这个类别。", "Unknown category.");

    public static CampaignDefinition CampaignOf(this CampaignCatalog campaigns, JudgingEntry entry) => campaigns.Campaign(entry.CampaignId);

    public static Category CategoryOf(this CampaignCatalog campaigns, JudgingEntry entry) => campaigns.Category(entry.CampaignId, entry.CategoryId);
}
