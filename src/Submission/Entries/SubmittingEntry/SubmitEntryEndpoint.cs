using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Identity;
using Campaign.Submission.Uploads;
using Marten;

namespace Campaign.Submission.Entries.SubmittingEntry;

public sealed record SubmitEntryRequest(
    string CampaignId, string CategoryId, string Title, string OrganizationId, string Port, Consent? Consent = null,
    string? StoryText = null, IReadOnlyList<Member>? Members = null, IReadOnlyList<AttachedMedia>? Media = null);

public static class SubmitEntryEndpoint
{
    public static void MapSubmitEntry(this RouteGroupBuilder entries) =>
        entries.MapPost("/", async (SubmitEntryRequest request, ClaimsPrincipal user, CampaignCatalog campaigns,
                TimeProvider clock, ISessionFactory sessions, CancellationToken ct) =>
            {
                if (campaigns.Find(request.CampaignId) is not { } campaign)
                    throw new Refusal(404, "没有这个活动", "Unknown campaign", $"没有活动“{request.CampaignId}”。", $"No campaign '{request.CampaignId}'.");

                var by = new Submitter(user.UserId(),
                    user.IsInRole(Roles.OrganizationAdministrator) && user.OrganizationId() == request.OrganizationId, user.VerifiedAffiliation(),
                    user.FindFirst("name")?.Value);
                var id = Guid.CreateVersion7();
                return await Places.ClaimingAsync(sessions, async session =>
                {
                    var media = await MediaAttachments.ResolveAsync(session, InvalidInputException.NoNulls(request.Media, "media"),
                        request.CampaignId, request.CategoryId, by.UserId, ct);
                    var command = new SubmitEntry(id, request.CampaignId, request.CategoryId, request.Title, request.OrganizationId, request.Port,
                        request.Consent, request.StoryText, InvalidInputException.NoNulls(request.Members, "members"), media, by, clock.GetUtcNow());
                    var decided = SubmitEntryDecision.Decide(campaign, command);
                    var category = campaign.FindCategory(request.CategoryId)!;
                    foreach (var person in decided.PersonPlaces)
                        session.Insert(await Places.PersonAsync(session, campaign, category, person, id, ct));
                    if (decided.TakesQuotaPlace && await Places.QuotaAsync(session, campaign, category, request.OrganizationId, id, ct) is { } quota)
                        session.Insert(quota);
                    session.Events.StartStream<Entry>(id, decided.Events);
                    await session.SaveChangesAsync(ct);
                    return Results.Created($"/entries/{id}", await session.LoadAsync<Entry>(id, ct));
                }, ct);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Submitter, Roles.OrganizationAdministrator))
            .WithName("SubmitEntry")
            .WithSummary("Submit an entry through the organization or the individual port (O3, T1, C1, Q2, Q3). On the individual port an entry " +
                         "whose group members or affiliation are not yet confirmed is held (status Held) and takes no quota place until they are.")
            .ProducesProblem(400).ProducesProblem(422).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
}
