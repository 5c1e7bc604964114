using System.Security.Claims;
using Campaign.Judging.Entries;
using Campaign.ServiceDefaults.Identity;

namespace Campaign.Judging.Scoring;

/// <summary>What a judge sees of an assigned work: blind — no submitter, no organization, no file
/// names — and no other judge's score until judging closes.</summary>
public sealed record Assignment(
    Guid EntryId, string CampaignId, string CategoryId, string Title, string? StoryText, IReadOnlyList<AssignedMedia> Media,
    decimal? MyScore, string? MyComment, bool Submitted, IReadOnlyList<decimal>? PanelScores)
{
    public static Assignment For(JudgingEntry entry, string judgeId, bool judgingClosed)
    {
        var mine = entry.SheetOf(judgeId);
        return new Assignment(entry.Id, entry.CampaignId, entry.CategoryId, entry.Title!, entry.StoryText,
            (entry.Media ?? []).Select(m => new AssignedMedia(m.Role, m.Sha256, m.Length, m.Caption)).ToList(),
            mine?.Score, mine?.Comment, mine?.Submitted == true,
            judgingClosed ? entry.AssignedJudges.Select(entry.SheetOf).OfType<Sheet>().Where(s => s.Submitted).Select(s => s.Score).ToList() : null);
    }
}

public sealed record AssignedMedia(string Role, string Sha256, long Length, string? Caption);

public static class ScoringEndpoints
{
    public static void MapScoring(this WebApplication app)
    {
        var judging = app.MapGroup("/judging").WithTags("Scoring").RequireAuthorization(p => p.RequireRole(Roles.Judge));

        judging.MapGet("/assignments", async (ClaimsPrincipal user, JudgingDesk desk, CancellationToken ct) =>
                (await desk.AssignmentsAsync(user.UserId(), ct))
                    .SelectMany(a => a.Entries.Select(e => Assignment.For(e, user.UserId(), a.Panel.Closed))).ToList())
            .WithSummary("The works assigned to the calling judge, blind (J2).");

        judging.MapGet("/entries/{entryId:guid}", async (Guid entryId, ClaimsPrincipal user, JudgingDesk desk, CancellationToken ct) =>
            {
                var (entry, panel) = await desk.AssignedAsync(entryId, user.UserId(), ct);
                return Assignment.For(entry, user.UserId(), panel.Closed);
            })
            .WithSummary("One assigned work, blind; the panel's scores only once judging is closed (J2).");

        judging.MapPut("/entries/{entryId:guid}/score", async (Guid entryId, ScoreRequest request, ClaimsPrincipal user,
                JudgingDesk desk, CancellationToken ct) =>
            {
                await desk.ScoreAsync(entryId, user.UserId(), request, ct);
                return Results.NoContent();
            })
            .WithSummary("Score an assigned work from 0 to 100 with an optional comment (J2); editable until submitted.");

        judging.MapPost("/entries/{entryId:guid}/submit", async (Guid entryId, ClaimsPrincipal user, JudgingDesk desk, CancellationToken ct) =>
                await desk.SubmitAsync(entryId, user.UserId(), ct) is { } judged ? Results.Ok(judged) : Results.NoContent())
            .WithSummary("Hand in the score (J2); the last judge's submission judges the entry.");

        judging.MapPost("/entries/{entryId:guid}/conflict", async (Guid entryId, ConflictRequest request, ClaimsPrincipal user,
                JudgingDesk desk, CancellationToken ct) =>
            {
                await desk.DeclareConflictAsync(entryId, user.UserId(), request, ct);
                return Results.NoContent();
            })
            .WithSummary("Declare a conflict of interest with the entry (J1): it goes to the other judges.");
    }
}
