using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Judging.Publishing;

public sealed record PublicationRequest(string PlatformId, string Url, DateTimeOffset? PublishedAt = null);

public static class PublicationDecision
{
    /// <summary>P1: only reviewed and approved works are published, and only on the category's platforms, at an address
    /// of bounded length, dated between the opening of the category's submissions and now.</summary>
    public static EntryPublished Decide(CampaignDefinition campaign, Category category, JudgingEntry entry, PublicationRequest request, string userId, DateTimeOffset now)
    {
        if (entry.Excluded || entry.Review != ReviewState.Approved)
            throw new RuleViolationException("P1", "只有通过审核的作品才能发布。", "Only works that passed review are published.", 409);
        if (!category.Platforms.Contains(request.PlatformId))
            throw new RuleViolationException("P1", $"{category.Name}作品发布于{string.Join("、", category.Platforms)}，不含“{request.PlatformId}”。",
                $"{category.Name} is published on {string.Join(", ", category.Platforms)}, not '{request.PlatformId}'.");
        if (request.Url is not { Length: <= UserText.Url } || !Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new RuleViolationException("P1", "发布记录需要作品的完整 http(s) 网址。", "The publication needs the absolute http(s) address of the published work.");
        if (request.PublishedAt > now + ClockSkew)
            throw new RuleViolationException("P1", "发布时间不能晚于现在。", "A publication cannot be dated in the future.");
        var opened = new DateTimeOffset(category.Submissions.Opens, campaign.Zone.GetUtcOffset(category.Submissions.Opens));
        if (request.PublishedAt < opened)
            throw new RuleViolationException("P1", $"发布时间不能早于{category.Name}开始申报的时间（{category.Submissions.Opens:yyyy-MM-dd HH:mm}）。",
                $"A publication cannot be dated before {category.Name} opened for entries ({category.Submissions.Opens:yyyy-MM-dd HH:mm}).");
        return new EntryPublished(entry.Id, entry.CampaignId, entry.CategoryId, request.PlatformId, url.ToString(), userId, request.PublishedAt ?? now);
    }

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
}

/// <summary>P1: one work at one address. Engagement finds a work by the address a platform's figures name, so an address
/// given to a second work would move the first one's figures to it.</summary>
public sealed record PublishedAddress(string Id, Guid EntryId)
{
    public static string IdOf(string platformId, string url) => $"{platformId} {url}";
}

/// <summary>P1: an organizer or reviewer records where an approved work was published, by the API or the review page.</summary>
public static class PublishEntry
{
    public static async Task<EntryPublished> HandleAsync(IDocumentSession session, CampaignCatalog campaigns, Guid entryId, PublicationRequest request,
        string userId, DateTimeOffset now, CancellationToken ct)
    {
        EntryPublished? published = null;
        return await session.GetAndUpdate<JudgingEntry>(entryId, async entry =>
            {
                if (entry is not { IsSubmitted: true }) return null;
                published = PublicationDecision.Decide(campaigns.CampaignOf(entry), campaigns.CategoryOf(entry), entry, request, userId, now);
                var address = PublishedAddress.IdOf(published.PlatformId, published.Url);
                switch (await session.LoadAsync<PublishedAddress>(address, ct))
                {
                    case null:
                        session.Insert(new PublishedAddress(address, entryId)); // two works published at one address at once: one insert conflicts
                        break;
                    case { } taken when taken.EntryId != entryId:
                        throw new RuleViolationException("P1", "该网址已登记为另一件作品的发布地址。", "That address is already where another work was published.", 409);
                }
                return [published];
            }, ct)
            ? published!
            : throw EntryQueries.EntryNotFound();
    }

    public static void MapPublishEntry(this WebApplication app) =>
        app.MapPost("/entries/{entryId:guid}/publications", (Guid entryId, PublicationRequest request, ClaimsPrincipal user,
                IDocumentSession session, CampaignCatalog campaigns, TimeProvider clock, CancellationToken ct) =>
                HandleAsync(session, campaigns, entryId, request, user.UserId(), clock.GetUtcNow(), ct))
            .WithTags("Publication")
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer, Roles.Reviewer))
            .WithSummary("Record where an approved work was published (P1).");
}
