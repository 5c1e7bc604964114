using Campaign.Campaigns;

namespace Campaign.Submission.CampaignForms;

/// <summary>
/// What a submission form needs to know of a campaign: its ports, organizations and categories, each
/// category's window (T1) and the limits a page may check early for comfort (V1–V3, R1–R3, S1, S2).
/// The server checks them all again; a page never decides instead of it.
/// </summary>
public sealed record CampaignForm(string Id, string Name, string TimeZone, IReadOnlyList<string> Ports,
    IReadOnlyList<OrganizationChoice> Organizations, IReadOnlyList<CategoryForm> Categories)
{
    public static CampaignForm Of(CampaignDefinition campaign, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, campaign.Zone).DateTime;
        return new(campaign.Id, campaign.Name, campaign.TimeZone, campaign.Ports,
            campaign.Organizations.Select(o => new OrganizationChoice(o.Id, o.Name, o.Kind)).ToList(),
            campaign.Categories.Select(c => new CategoryForm(c.Id, c.Name, c.Kind, c.Submissions, c.Submissions.Contains(local),
                c.Media is { } m ? new MediaLimits(m.Containers, m.MaxSizeBytes, m.MinDurationSeconds, m.MaxDurationSeconds) : null,
                c.Story is { } s ? new StoryLimits(s.MinCharacters, s.MaxCharacters, s.RequiredPhotos, s.MaxPhotoBytes) : null)).ToList());
    }
}

public sealed record OrganizationChoice(string Id, string Name, string Kind);

/// <summary><see cref="Open"/>: the window (T1) contains the server's present moment in the campaign's zone.</summary>
public sealed record CategoryForm(string Id, string Name, string Kind, Window Submissions, bool Open, MediaLimits? Media, StoryLimits? Story);

public sealed record MediaLimits(IReadOnlyList<string> Containers, long MaxSizeBytes, double MinDurationSeconds, double MaxDurationSeconds);

public sealed record StoryLimits(int MinCharacters, int MaxCharacters, IReadOnlyList<string> RequiredPhotos, long MaxPhotoBytes);

public static class GetCampaignFormsEndpoint
{
    public static void MapGetCampaignForms(this RouteGroupBuilder campaigns)
    {
        campaigns.MapGet("/", (CampaignCatalog catalog, TimeProvider clock) =>
                catalog.All.Select(c => CampaignForm.Of(c, clock.GetUtcNow())).ToList())
            .WithName("ListCampaignForms")
            .WithSummary("Every campaign this deployment runs, as a submission form needs it: ports, organizations, categories with their windows (T1) and limits.");
        campaigns.MapGet("/{campaignId}", (string campaignId, CampaignCatalog catalog, TimeProvider clock) =>
                catalog.Find(campaignId) is { } campaign
                    ? CampaignForm.Of(campaign, clock.GetUtcNow())
                    : throw Refusal.NotFound("没有这个活动", "Unknown campaign"))
            .WithName("GetCampaignForm")
            .WithSummary("One campaign as a submission form needs it.")
            .ProducesProblem(404);
    }
}
