using Campaign.Awards.Allocation;
using Campaign.Awards.Reporting;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Awards.Organizations;

public static class OrganizationRankingEndpoint
{
    public static void MapOrganizationRanking(this WebApplication app) =>
        app.MapGet("/results/{campaignId}/organizations", async (string campaignId, CampaignCatalog campaigns, IQuerySession session, CancellationToken ct) =>
                Results.Ok(await RankAsync(campaigns, session, campaignId, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer, Roles.Operator)).WithTags("Results")
            .WithSummary("A5: the outstanding organizing units — every organization ranked with its participation, quality and engagement components.");

    public static async Task<OrganizationRanking> RankAsync(CampaignCatalog campaigns, IQuerySession session, string campaignId, CancellationToken ct)
    {
        var campaign = campaigns.Find(campaignId) ?? throw Refusal.NotFound("没有这个活动", "Unknown campaign");
        var categories = new Dictionary<string, CategoryResults>();
        foreach (var category in campaign.Categories)
            categories[category.Id] = await CategoryRecord.LoadAsync(session, campaignId, category.Id, ct);
        return OrganizationRanking.Of(campaign, categories);
    }
}
