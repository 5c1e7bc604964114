using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Judging.Publishing;

public sealed record PublicationRequest(string PlatformId, string Url, DateTimeOffset? PublishedAt);

public static class PublicationDecision
{
    /// <summary>P1: only reviewed and approved works are published, and only on the category's platforms.</summary>
    public static EntryPublished Decide(Category category, JudgingEntry entry, PublicationRequest request, string userId, DateTimeOffset now)
    {
        if (entry.Excluded || entry.Review != ReviewState.Approved)
            throw new RuleViolationException("P1", "Only works that passed review are published.", 409);
        if (!category.Platforms.Contains(request.PlatformId))
            throw new RuleViolationException("P1", $"{category.Name} is published on {string.Join(", ", category.Platforms)}, not '{request.PlatformId}'.");
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new RuleViolationException("P1", "The publication needs the absolute http(s) address of the published work.");
        return new EntryPublished(entry.Id, entry.CampaignId, entry.CategoryId, request.PlatformId, url.ToString(), userId, request.PublishedAt ?? now);
    }
}

public static class PublicationEndpoints
{
    public static void MapPublishing(this WebApplication app) =>
        app.MapPost("/entries/{entryId:guid}/publications", async (Guid entryId, PublicationRequest request, ClaimsPrincipal user,
                CampaignCatalog campaigns, TimeProvider clock, IDocumentSession session, CancellationToken ct) =>
            {
                var stream = await session.Events.FetchForWriting<JudgingEntry>(entryId, ct);
                if (stream.Aggregate is not { } entry) return Results.Problem(statusCode: 404, title: "Entry not found");
                var category = campaigns.Find(entry.CampaignId)!.FindCategory(entry.CategoryId)!;
                var published = PublicationDecision.Decide(category, entry, request, user.UserId(), clock.GetUtcNow());
                stream.AppendOne(published);
                await session.SaveChangesAsync(ct);
                return Results.Ok(published);
            })
            .WithTags("Publication")
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer, Roles.Reviewer))
            .WithSummary("Record where an approved work was published (P1).");
}
