using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Engagement.Entries;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Engagement.Snapshots;

public sealed record ExcludeFiguresRequest(string PlatformId, string Signal, string Reason);

public static class ExcludeFiguresDecision
{
    /// <summary>
    /// E1: an organizer excludes flagged figures from the score — a platform's figures of the entry
    /// from the flag's moment on — with a reason, before engagement of the category closes. Only a
    /// current flag can be acted on; excluding it again changes nothing (null).
    /// </summary>
    public static FiguresExcluded? Decide(EngagementEntry entry, IReadOnlyList<FiguresFlag> flags, bool closed, ExcludeFiguresRequest request, string userId, DateTimeOffset now)
    {
        if (closed) throw new RuleViolationException("E1", "本类别的网络传播评分已结束，不能再排除数据。", "Engagement of this category is closed; its figures can no longer be excluded.", 409);
        var reason = UserText.Clean("reason", request.Reason, UserText.Reason)
            ?? throw new InvalidInputException("reason", "排除数据须写明理由。", "Excluding figures needs a reason.");
        var flag = flags.FirstOrDefault(f => f.EntryId == entry.Id && f.PlatformId == request.PlatformId && f.Signal == request.Signal)
            ?? throw new RuleViolationException("E1", $"该作品在“{request.PlatformId}”没有“{request.Signal}”异常标记，只能排除被标记的数据。",
                $"The work has no '{request.Signal}' flag on '{request.PlatformId}'; only flagged figures can be excluded.", 409);
        return flag.Excluded ? null : new FiguresExcluded(entry.Id, flag.PlatformId, flag.Signal, flag.From, reason, userId, now);
    }
}

public static class ExcludeFiguresEndpoint
{
    public static void MapExcludeFigures(this WebApplication app) =>
        app.MapPost("/engagement/entries/{entryId:guid}/exclusions", async (Guid entryId, ExcludeFiguresRequest request, ClaimsPrincipal user,
                CampaignCatalog campaigns, TimeProvider clock, IDocumentSession session, CancellationToken ct) =>
            {
                var found = await ExcludeFiguresHandler.HandleAsync(session, campaigns, entryId, request, user.UserId(), clock.GetUtcNow(), ct);
                return found ? Results.NoContent() : throw Refusal.NotFound("没有此作品", "No such work");
            })
            .WithTags("Figures")
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer))
            .WithSummary("An organizer excludes a flagged platform's figures of a work from its engagement score, with a reason (E1).");
}
