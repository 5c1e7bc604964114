using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Submission.Rosters;

public static class ApproveRosterDecision
{
    /// <summary>S3: each party approves (盖章) the current draft once; the second signature approves the roster, which then reaches the province.</summary>
    public static object[] Decide(CampaignDefinition campaign, Roster roster, string party, string userId, DateTimeOffset now)
    {
        RosterDeadline.Check(campaign, now);
        if (roster.SignedBy.Contains(party)) throw new RuleViolationException("S3", "本单位已审核通过该名单。", "This party has already approved the roster.", 409);
        var signed = new RosterSigned(party, userId, now);
        return roster.Apply(signed).SignedBy.Count == 2
            ? [signed, new RosterApproved(roster.CampaignId, roster.OrganizationId, roster.Rows, roster.ContactPerson, roster.ContactPhone, now)]
            : [signed];
    }
}

public static class ApproveRosterEndpoint
{
    public static void MapApproveRoster(this RouteGroupBuilder rosters) =>
        rosters.MapPost("/{city}/approval", async (string campaignId, string city, ClaimsPrincipal user, CampaignCatalog campaigns,
                TimeProvider clock, IDocumentSession session, CancellationToken ct) =>
            {
                if (campaigns.Find(campaignId) is not { } campaign || user.OrganizationId() != city)
                    throw Refusal.NotFound("名单不存在", "Roster not found");
                var party = user.IsInRole(Roles.CyberspaceOffice) ? Roster.CyberspaceOffice : Roster.Union;
                var signed = await session.GetAndUpdate<Roster>(Roster.StreamId(campaignId, city), roster =>
                    roster is null ? null : ApproveRosterDecision.Decide(campaign, roster, party, user.UserId(), clock.GetUtcNow()), ct);
                return signed ? Results.NoContent() : throw Refusal.NotFound("名单不存在", "Roster not found");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.OrganizationAdministrator, Roles.CyberspaceOffice))
            .WithSummary("The city union or the city CAC office approves (盖章) the current roster; both together send it to the province.");
}
