using Campaign.Campaigns;
using System.Security.Claims;
using Campaign.ServiceDefaults.Identity;

namespace Campaign.Judging.Panels;

public static class PanelEndpoints
{
    public static void MapPanels(this WebApplication app)
    {
        var panels = app.MapGroup("/panels/{campaignId}/{categoryId}").WithTags("Panels")
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer));

        panels.MapGet("/", async (string campaignId, string categoryId, JudgingDesk desk, CancellationToken ct) =>
                await desk.PanelAsync(campaignId, categoryId, ct) is { } panel
                    ? Results.Ok(panel) : throw Refusal.NotFound("该类别尚无评委会", "No panel for this category yet"))
            .WithSummary("The category's judges (J1).");

        panels.MapPut("/", (string campaignId, string categoryId, SetPanelRequest request, JudgingDesk desk, CancellationToken ct) =>
                desk.SetPanelAsync(campaignId, categoryId, request.Judges, ct))
            .WithSummary("Name the category's judges at once (J1); each judge's organization excludes them from its entries.");

        panels.MapDelete("/judges/{judgeId}", (string campaignId, string categoryId, string judgeId, JudgingDesk desk, CancellationToken ct) =>
                desk.RemoveJudgeAsync(campaignId, categoryId, judgeId, ct))
            .WithSummary("Remove a judge from the panel (J1): their works go to the others; on works not yet judged, their scores no longer count.");

        panels.MapPost("/invitations", async (string campaignId, string categoryId, InviteRequest request, ClaimsPrincipal user,
                JudgingDesk desk, HttpContext http, CancellationToken ct) =>
            {
                var issued = await desk.InviteAsync(campaignId, categoryId, request, user.UserId(), ct);
                var link = $"{http.Request.Scheme}://{http.Request.Host}/ui/invitations/{issued.Token}";
                return Results.Ok(new { issued.Invitation.JudgeId, issued.Invitation.Name, issued.Invitation.ExpiresAt, Link = link });
            })
            .WithSummary("Invite a judge to the panel (J1): the link, shown once, signs the judge in and seats them.");

        panels.MapGet("/report", async (string campaignId, string categoryId, JudgingDesk desk, CancellationToken ct) =>
                await desk.ReportAsync(campaignId, categoryId, ct) is { } report
                    ? Results.Ok(report) : throw Refusal.NotFound("该类别尚无评委会", "No panel for this category yet"))
            .WithSummary("Progress per judge and entry, the judges' disagreement, outlier judges and understaffed entries.");

        panels.MapPost("/close", (string campaignId, string categoryId, ClaimsPrincipal user, JudgingDesk desk, CancellationToken ct) =>
                desk.CloseAsync(campaignId, categoryId, user.UserId(), ct))
            .WithSummary("Close judging of the category: no more scores; the judged entries go on to awards.");
    }
}
