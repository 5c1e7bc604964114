using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Submission.Rosters;

/// <summary>S3: the city union's draft of its roster; any change clears earlier approvals.</summary>
public sealed record RosterSubmitted(string CampaignId, string OrganizationId, IReadOnlyList<RosterRow> Rows, string ContactPerson, string ContactPhone,
    string SubmittedBy, DateTimeOffset SubmittedAt);

/// <summary>S3: one of the two parties (盖章) approved the current draft.</summary>
public sealed record RosterSigned(string Party, string SignedBy, DateTimeOffset SignedAt);

public sealed record Roster(string CampaignId, string OrganizationId, IReadOnlyList<RosterRow> Rows, string ContactPerson, string ContactPhone,
    IReadOnlyList<string> SignedBy, bool Approved)
{
    public const string Union = "city-union";
    public const string CyberspaceOffice = "city-cac";

    public static Roster Create(RosterSubmitted e) => new(e.CampaignId, e.OrganizationId, e.Rows, e.ContactPerson, e.ContactPhone, [], false);
    public Roster Apply(RosterSubmitted e) => Create(e);
    public Roster Apply(RosterSigned e) => this with { SignedBy = [.. SignedBy.Union([e.Party])] };
    public Roster Apply(RosterApproved _) => this with { Approved = true };
}

public sealed record RosterRequest(IReadOnlyList<RosterRow> Rows, string ContactPerson, string ContactPhone);

public static class RosterDecisions
{
    public static RosterSubmitted Submit(CampaignDefinition campaign, string city, RosterRequest r, string userId, DateTimeOffset now)
    {
        var story = StoryCategory(campaign);
        CheckDeadline(campaign, story, now);
        r = new RosterRequest(
            InvalidInputException.NoNulls(r.Rows, "rows").Select((x, i) => x with
            {
                Name = UserText.Clean($"rows[{i}].name", x.Name, UserText.Name) ?? "",
                UnitAndTitle = UserText.Clean($"rows[{i}].unitAndTitle", x.UnitAndTitle, UserText.Caption) ?? "",
                Honours = UserText.Clean($"rows[{i}].honours", x.Honours, UserText.Reason) ?? "",
            }).ToList(),
            UserText.Clean("contactPerson", r.ContactPerson, UserText.Name) ?? "", UserText.Clean("contactPhone", r.ContactPhone, UserText.Name) ?? "");
        if (r.Rows.Count == 0 || r.Rows.Any(x => string.IsNullOrWhiteSpace(x.Name) || string.IsNullOrWhiteSpace(x.UnitAndTitle)))
            throw new RuleViolationException("S3", "名单每一行须填写劳模姓名、单位和职务。", "Every row needs the model worker's name and unit and title (劳模姓名, 单位和职务).");
        if (string.IsNullOrWhiteSpace(r.ContactPerson) || string.IsNullOrWhiteSpace(r.ContactPhone))
            throw new RuleViolationException("S3", "名单须填写联系人及电话。", "The roster names a contact person and phone (联系人及电话).");
        var quota = story.Quotas?.PerOrganization.GetValueOrDefault(city);
        if (quota is { } q && r.Rows.Count > q)
            throw new RuleViolationException("Q3", $"名单列出{r.Rows.Count}名劳模，超过本市名额{q}名。", $"The roster lists {r.Rows.Count} model workers; {city}'s quota is {q}.");
        var rows = r.Rows.Select((x, i) => x with { Number = i + 1 }).ToList();
        return new RosterSubmitted(campaign.Id, city, rows, r.ContactPerson, r.ContactPhone, userId, now);
    }

    /// <summary>The second signature approves the roster: it then reaches the province.</summary>
    public static object[] Sign(CampaignDefinition campaign, Roster roster, string party, string userId, DateTimeOffset now)
    {
        CheckDeadline(campaign, StoryCategory(campaign), now);
        if (roster.SignedBy.Contains(party)) throw new RuleViolationException("S3", "本单位已审核通过该名单。", "This party has already approved the roster.", 409);
        var signed = new RosterSigned(party, userId, now);
        return roster.Apply(signed).SignedBy.Count == 2
            ? [signed, new RosterApproved(roster.CampaignId, roster.OrganizationId, roster.Rows, roster.ContactPerson, roster.ContactPhone, now)]
            : [signed];
    }

    private static Category StoryCategory(CampaignDefinition campaign) =>
        campaign.Categories.FirstOrDefault(c => c.Kind == "story") ?? throw new RuleViolationException("S3", $"活动{campaign.Id}没有劳模故事子项目。", $"Campaign {campaign.Id} has no story category.", 404);

    private static void CheckDeadline(CampaignDefinition campaign, Category story, DateTimeOffset now)
    {
        if (story.Story!.RosterDue is { } due && TimeZoneInfo.ConvertTime(now, campaign.Zone).DateTime > due)
            throw new RuleViolationException("T1", $"名单报送截止时间为{due:yyyy-MM-dd HH:mm}（{campaign.TimeZone}）。", $"Rosters were due by {due:yyyy-MM-dd HH:mm} ({campaign.TimeZone}).");
    }
}

public static class RosterEndpoints
{
    public static void MapRosters(this WebApplication app)
    {
        var rosters = app.MapGroup("/rosters/{campaignId}").WithTags("Rosters (S3)");

        rosters.MapPut("/{city}", async (string campaignId, string city, RosterRequest request, ClaimsPrincipal user, CampaignCatalog campaigns,
                TimeProvider clock, IDocumentSession session, CancellationToken ct) =>
            {
                if (campaigns.Find(campaignId) is not { } campaign || campaign.FindOrganization(city) is not { Kind: OrganizationKinds.City })
                    throw Refusal.NotFound("没有这个活动或城市", "Unknown campaign or city");
                if (user.OrganizationId() != city) throw new Refusal(403, "名单由市总工会管理员报送", "Only the city union's administrator submits its roster");
                await session.GetAndUpdate<Roster>(StreamIds.ForCategory(campaignId, $"roster/{city}"), roster => roster?.Approved == true
                    ? throw new RuleViolationException("S3", "名单已审核通过并报送省里，不能再修改。", "The roster is approved and has reached the province.", 409)
                    : [RosterDecisions.Submit(campaign, city, request, user.UserId(), clock.GetUtcNow())], ct);
                return Results.NoContent();
            })
            .RequireAuthorization(p => p.RequireRole(Roles.OrganizationAdministrator))
            .WithSummary("The city union submits or corrects its roster of model workers (附件2); earlier approvals are cleared.");

        rosters.MapPost("/{city}/approval", async (string campaignId, string city, ClaimsPrincipal user, CampaignCatalog campaigns,
                TimeProvider clock, IDocumentSession session, CancellationToken ct) =>
            {
                if (campaigns.Find(campaignId) is not { } campaign || user.OrganizationId() != city)
                    throw Refusal.NotFound("名单不存在", "Roster not found");
                var party = user.IsInRole(Roles.CyberspaceOffice) ? Roster.CyberspaceOffice : Roster.Union;
                var signed = await session.GetAndUpdate<Roster>(StreamIds.ForCategory(campaignId, $"roster/{city}"), roster =>
                    roster is null ? null : RosterDecisions.Sign(campaign, roster, party, user.UserId(), clock.GetUtcNow()), ct);
                return signed ? Results.NoContent() : throw Refusal.NotFound("名单不存在", "Roster not found");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.OrganizationAdministrator, Roles.CyberspaceOffice))
            .WithSummary("The city union or the city CAC office approves (盖章) the current roster; both together send it to the province.");

        rosters.MapGet("/{city}", async (string campaignId, string city, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
            {
                var roster = await session.Events.AggregateStreamAsync<Roster>(StreamIds.ForCategory(campaignId, $"roster/{city}"), token: ct);
                var province = user.IsInRole(Roles.Organizer) || user.IsInRole(Roles.Operator);
                // The province sees a roster only once both parties have approved it.
                return roster is not null && (user.OrganizationId() == city || province && roster.Approved)
                    ? Results.Ok(roster)
                    : throw Refusal.NotFound("名单不存在", "Roster not found");
            })
            .WithSummary("A city's roster: to the city's two parties always, to the province once approved.");
    }
}
