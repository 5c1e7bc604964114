using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Judging.Panels;

/// <summary>J1: the judges of one category; every approved entry goes to each of them.</summary>
public sealed record Panel(string Id, string CampaignId, string CategoryId, IReadOnlyList<string> Judges, bool Closed = false)
{
    public static string IdFor(string campaignId, string categoryId) => $"{campaignId}/{categoryId}";
}

public sealed record SetPanelRequest(IReadOnlyList<string> Judges);

public static class PanelDecisions
{
    public static Panel Set(Category category, Panel? current, string campaignId, IReadOnlyList<string> judges)
    {
        if (current?.Closed == true)
            throw new RuleViolationException("J1", $"Judging of {category.Name} is closed; its panel can no longer change.", 409);
        var distinct = judges.Where(j => !string.IsNullOrWhiteSpace(j)).Distinct().ToList();
        if (distinct.Count < category.Panel.MinJudges || distinct.Count > category.Panel.MaxJudges)
            throw new RuleViolationException("J1",
                $"A panel of {category.Name} has {category.Panel.MinJudges}–{category.Panel.MaxJudges} judges; {distinct.Count} were named.");
        return new Panel(Panel.IdFor(campaignId, category.Id), campaignId, category.Id, distinct);
    }

    public static JudgingClosed Close(Panel panel, IEnumerable<JudgingEntry> judged, string userId, DateTimeOffset now)
    {
        if (panel.Closed) throw new RuleViolationException("J2", "Judging of this category is already closed.", 409);
        return new JudgingClosed(panel.CampaignId, panel.CategoryId, judged.Select(e => e.Id).Order().ToList(), userId, now);
    }
}

public static class PanelEndpoints
{
    public static void MapPanels(this WebApplication app)
    {
        var panels = app.MapGroup("/panels/{campaignId}/{categoryId}").WithTags("Panels")
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer));

        panels.MapGet("/", async (string campaignId, string categoryId, IQuerySession session, CancellationToken ct) =>
            await session.LoadAsync<Panel>(Panel.IdFor(campaignId, categoryId), ct) is { } panel
                ? Results.Ok(panel) : Results.Problem(statusCode: 404, title: "No panel for this category yet"));

        panels.MapPut("/", async (string campaignId, string categoryId, SetPanelRequest request, CampaignCatalog campaigns,
            IDocumentSession session, CancellationToken ct) =>
        {
            if (campaigns.Find(campaignId)?.FindCategory(categoryId) is not { } category)
                return Results.Problem(statusCode: 404, title: "Unknown category");
            var current = await session.LoadAsync<Panel>(Panel.IdFor(campaignId, categoryId), ct);
            var panel = PanelDecisions.Set(category, current, campaignId, request.Judges);
            session.Store(panel);
            await session.SaveChangesAsync(ct);
            return Results.Ok(panel);
        }).WithSummary("Name the category's judges (J1).");

        panels.MapPost("/close", async (string campaignId, string categoryId, ClaimsPrincipal user, TimeProvider clock,
            IDocumentSession session, CancellationToken ct) =>
        {
            if (await session.LoadAsync<Panel>(Panel.IdFor(campaignId, categoryId), ct) is not { } panel)
                return Results.Problem(statusCode: 404, title: "No panel for this category");
            var judged = await session.Query<JudgingEntry>()
                .Where(e => e.CampaignId == campaignId && e.CategoryId == categoryId && e.Judged && !e.Excluded).ToListAsync(ct);
            var closed = PanelDecisions.Close(panel, judged, user.UserId(), clock.GetUtcNow());
            session.Store(panel with { Closed = true });
            session.Events.Append(StreamIds.ForCategory(campaignId, categoryId), closed);
            await session.SaveChangesAsync(ct);
            return Results.Ok(closed);
        }).WithSummary("Close judging of the category: no more scores; the judged entries go on to awards.");
    }
}
