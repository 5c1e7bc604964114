using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Engagement.Entries;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Engagement.Figures;

public sealed record FiguresRequest(IReadOnlyDictionary<string, long> Figures, DateTimeOffset? At);

public static class FiguresDecision
{
    /// <summary>E1: a platform's feed reports figures only for entries published on that platform, and only figures the formula knows.</summary>
    public static FiguresReported Decide(CampaignDefinition campaign, EngagementEntry entry, string platformId, FiguresRequest request, string feed, DateTimeOffset now)
    {
        if (entry.Excluded) throw new RuleViolationException("E1", "The entry was disqualified.", 409);
        if (!entry.Platforms.Contains(platformId))
            throw new RuleViolationException("E1", $"The entry is not published on '{platformId}'.", 409);
        var unknown = request.Figures.Keys.Where(k => !campaign.Engagement.Weights.ContainsKey(k)).ToList();
        if (unknown.Count > 0)
            throw new RuleViolationException("E1", $"Unknown figures {string.Join(", ", unknown)}; the formula counts {string.Join(", ", campaign.Engagement.Weights.Keys)}.");
        if (request.Figures.Values.Any(v => v < 0)) throw new RuleViolationException("E1", "Figures cannot be negative.");
        return new FiguresReported(entry.Id, platformId, request.Figures, feed, request.At ?? now);
    }
}

public static class FiguresEndpoints
{
    public static void MapFigures(this WebApplication app) =>
        app.MapPost("/entries/{entryId:guid}/figures", async (Guid entryId, FiguresRequest request, ClaimsPrincipal user,
                CampaignCatalog campaigns, TimeProvider clock, IDocumentSession session, CancellationToken ct) =>
            {
                if (user.PlatformId() is not { } platform)
                    return Results.Problem(statusCode: 403, title: "The token names no platform");
                var stream = await session.Events.FetchForWriting<EngagementEntry>(entryId, ct);
                if (stream.Aggregate is not { } entry) return Results.Problem(statusCode: 404, title: "No published entry with this id");
                stream.AppendOne(FiguresDecision.Decide(campaigns.Find(entry.CampaignId)!, entry, platform, request, user.UserId(), clock.GetUtcNow()));
                await session.SaveChangesAsync(ct);
                return Results.Accepted();
            })
            .WithTags("Figures")
            .RequireAuthorization(p => p.RequireRole(Roles.EngagementFeed))
            .WithSummary("A platform's feed posts a snapshot of an entry's online figures (E1).");
}
