using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Submission.Rosters;

public sealed record RosterRequest(IReadOnlyList<RosterRow> Rows, string ContactPerson, string ContactPhone);

/// <summary>A city union's roster as submitted: the rows, the contact, who submits it and when.</summary>
public sealed record SubmitRoster(string City, IReadOnlyList<RosterRow> Rows, string ContactPerson, string ContactPhone, string By, DateTimeOffset Now);

public static class SubmitRosterDecision
{
    /// <summary>S3, Q3, T1: the city's draft, numbered; an approved roster has reached the province and stays as it is.</summary>
    public static RosterSubmitted Decide(CampaignDefinition campaign, Roster? current, SubmitRoster command)
    {
        if (current?.Approved == true)
            throw new RuleViolationException("S3", "名单已审核通过并报送省里，不能再修改。", "The roster is approved and has reached the province.", 409);
        var story = RosterDeadline.Check(campaign, command.Now);
        var rows = InvalidInputException.NoNulls(command.Rows, "rows").Select((x, i) => x with
        {
            Name = UserText.Clean($"rows[{i}].name", x.Name, UserText.Name) ?? "",
            UnitAndTitle = UserText.Clean($"rows[{i}].unitAndTitle", x.UnitAndTitle, UserText.Caption) ?? "",
            Honours = UserText.Clean($"rows[{i}].honours", x.Honours, UserText.Reason) ?? "",
        }).ToList();
        var contactPerson = UserText.Clean("contactPerson", command.ContactPerson, UserText.Name) ?? "";
        var contactPhone = UserText.Clean("contactPhone", command.ContactPhone, UserText.Name) ?? "";
        if (rows.Count == 0 || rows.Any(x => string.IsNullOrWhiteSpace(x.Name) || string.IsNullOrWhiteSpace(x.UnitAndTitle)))
            throw new RuleViolationException("S3", "名单每一行须填写劳模姓名、单位和职务。", "Every row needs the model worker's name and unit and title (劳模姓名, 单位和职务).");
        if (string.IsNullOrWhiteSpace(contactPerson) || string.IsNullOrWhiteSpace(contactPhone))
            throw new RuleViolationException("S3", "名单须填写联系人及电话。", "The roster names a contact person and phone (联系人及电话).");
        if (story.Quotas?.PerOrganization.GetValueOrDefault(command.City) is { } quota && rows.Count > quota)
            throw new RuleViolationException("Q3", $"名单列出{rows.Count}名劳模，超过本市名额{quota}名。", $"The roster lists {rows.Count} model workers; {command.City}'s quota is {quota}.");
        return new RosterSubmitted(campaign.Id, command.City, rows.Select((x, i) => x with { Number = i + 1 }).ToList(), contactPerson, contactPhone,
            command.By, command.Now);
    }
}

public static class SubmitRosterEndpoint
{
    public static void MapSubmitRoster(this RouteGroupBuilder rosters) =>
        rosters.MapPut("/{city}", async (string campaignId, string city, RosterRequest request, ClaimsPrincipal user, CampaignCatalog campaigns,
                TimeProvider clock, IDocumentSession session, CancellationToken ct) =>
            {
                if (campaigns.Find(campaignId) is not { } campaign || campaign.FindOrganization(city) is not { Kind: OrganizationKinds.City })
                    throw Refusal.NotFound("没有这个活动或城市", "Unknown campaign or city");
                if (user.OrganizationId() != city) throw new Refusal(403, "名单由市总工会管理员报送", "Only the city union's administrator submits its roster");
                var command = new SubmitRoster(city, request.Rows, request.ContactPerson, request.ContactPhone, user.UserId(), clock.GetUtcNow());
                await session.GetAndUpdate<Roster>(Roster.StreamId(campaignId, city), roster => [SubmitRosterDecision.Decide(campaign, roster, command)], ct);
                return Results.NoContent();
            })
            .RequireAuthorization(p => p.RequireRole(Roles.OrganizationAdministrator))
            .WithSummary("The city union submits or corrects its roster of model workers (附件2); earlier approvals are cleared.");
}
