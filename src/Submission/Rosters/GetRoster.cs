using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Submission.Rosters;

public static class GetRosterEndpoint
{
    public static void MapGetRoster(this RouteGroupBuilder rosters) =>
        rosters.MapGet("/{city}", async (string campaignId, string city, ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
            {
                var roster = await session.Events.AggregateStreamAsync<Roster>(Roster.StreamId(campaignId, city), token: ct);
                var province = user.IsInRole(Roles.Organizer) || user.IsInRole(Roles.Operator);
                // The province sees a roster only once both parties have approved it.
                return roster is not null && (user.OrganizationId() == city || province && roster.Approved)
                    ? Results.Ok(roster)
                    : throw Refusal.NotFound("名单不存在", "Roster not found");
            })
            .WithSummary("A city's roster: to the city's two parties always, to the province once approved.");
}
