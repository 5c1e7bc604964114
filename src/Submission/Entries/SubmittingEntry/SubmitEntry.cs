using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Submission.Entries.SubmittingEntry;

public sealed record Consent(string TextVersion, bool Accepted);

public sealed record SubmitEntryRequest(
    string CampaignId, string CategoryId, string Title, string OrganizationId, string Port, Consent? Consent, string? StoryText = null);

public sealed record SubmitEntry(Guid EntryId, SubmitEntryRequest Request, string UserId, bool IsAdministratorOf, DateTimeOffset Now);

public static class SubmitEntryDecision
{
    public static object[] Decide(CampaignDefinition campaign, SubmitEntry command)
    {
        var r = command.Request;
        var category = campaign.FindCategory(r.CategoryId)
            ?? throw new RuleViolationException("A1", $"Campaign {campaign.Id} has no category '{r.CategoryId}'.");
        if (campaign.FindOrganization(r.OrganizationId) is null)
            throw new RuleViolationException("O3", $"'{r.OrganizationId}' is not an organization of campaign {campaign.Id}.");
        if (!campaign.Ports.Contains(r.Port))
            throw new RuleViolationException("O3", $"Campaign {campaign.Id} does not accept entries through the '{r.Port}' port.");
        if (r.Port == SubmissionPorts.Organization && !command.IsAdministratorOf)
            throw new RuleViolationException("O3", $"Only an administrator of {r.OrganizationId} submits through its organization port.", 403);

        var local = TimeZoneInfo.ConvertTime(command.Now, campaign.Zone).DateTime;
        if (!category.Submissions.Contains(local))
            throw new RuleViolationException("T1",
                $"{category.Name} accepts entries from {category.Submissions.Opens:yyyy-MM-dd HH:mm} to {category.Submissions.Closes:yyyy-MM-dd HH:mm} ({campaign.TimeZone}); it is now {local:yyyy-MM-dd HH:mm}.");

        if (r.Consent is not { Accepted: true } consent || string.IsNullOrWhiteSpace(consent.TextVersion))
            throw new RuleViolationException("C1", "Submitting requires explicit consent to the copyright and usage terms, naming the version of the text agreed to.");
        if (string.IsNullOrWhiteSpace(r.Title))
            throw new RuleViolationException("A1", "An entry needs a title.");
        if (category.Kind == "story" && string.IsNullOrWhiteSpace(r.StoryText))
            throw new RuleViolationException("S1", "A story entry needs its text.");

        return
        [
            new ConsentGiven(command.EntryId, consent.TextVersion, command.UserId, command.Now),
            new EntrySubmitted(command.EntryId, campaign.Id, category.Id, r.Title.Trim(), r.OrganizationId, r.Port,
                command.UserId, category.Kind == "story" ? r.StoryText : null, [], command.Now),
        ];
    }
}

public static class SubmitEntryEndpoint
{
    public static void MapSubmitEntry(this RouteGroupBuilder entries) =>
        entries.MapPost("/", async (SubmitEntryRequest request, ClaimsPrincipal user, CampaignCatalog campaigns,
                TimeProvider clock, IDocumentSession session, CancellationToken ct) =>
            {
                if (campaigns.Find(request.CampaignId) is not { } campaign)
                    return Results.Problem(statusCode: 404, title: "Unknown campaign", detail: $"No campaign '{request.CampaignId}'.");

                var isAdmin = user.IsInRole(Roles.OrganizationAdministrator) && user.OrganizationId() == request.OrganizationId;
                var command = new SubmitEntry(Guid.CreateVersion7(), request, user.UserId(), isAdmin, clock.GetUtcNow());
                session.Events.StartStream<Entry>(command.EntryId, SubmitEntryDecision.Decide(campaign, command));
                await session.SaveChangesAsync(ct);

                var entry = await session.LoadAsync<Entry>(command.EntryId, ct);
                return Results.Created($"/entries/{command.EntryId}", entry);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Submitter, Roles.OrganizationAdministrator))
            .WithName("SubmitEntry")
            .WithSummary("Submit an entry through the organization or the individual port (O3, T1, C1).")
            .ProducesProblem(422).ProducesProblem(403).ProducesProblem(404);
}
