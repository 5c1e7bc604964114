using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using Campaign.Judging.Panels;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Judging.Scoring;

public sealed record ScoreRequest(decimal Score, string? Comment);

/// <summary>What a judge sees of an assigned work: blind, without submitter or organization.</summary>
public sealed record Assignment(Guid EntryId, string CampaignId, string CategoryId, string Title, string? StoryText, decimal? MyScore);

public static class ScoreDecision
{
    /// <summary>J2: a judge of the entry's panel scores it once per judge (re-scoring replaces) until it is judged.
    /// When the last judge of the panel has scored, the entry is judged with every score and the aggregate.</summary>
    public static object[] Decide(CampaignDefinition campaign, Panel panel, JudgingEntry entry, string judgeId, ScoreRequest request, DateTimeOffset now)
    {
        if (!panel.Judges.Contains(judgeId))
            throw new RuleViolationException("J1", "You do not sit on this category's panel.", 403);
        if (panel.Closed) throw new RuleViolationException("J2", "Judging of this category is closed.", 409);
        if (!entry.OpenForScoring) throw new RuleViolationException("J2", "This entry is not open for scoring.", 409);
        var s = campaign.Scoring;
        if (request.Score < s.MinScore || request.Score > s.MaxScore)
            throw new RuleViolationException("J2", $"A score is from {s.MinScore} to {s.MaxScore}; {request.Score} is outside.");

        var given = new ScoreGiven(entry.Id, judgeId, request.Score, request.Comment, now);
        var scores = entry.Apply(given).Scores!;
        if (!panel.Judges.All(scores.ContainsKey)) return [given];

        var judgeScores = panel.Judges.Select(j => new JudgeScore(j, scores[j])).ToList();
        return [given, new EntryJudged(entry.Id, entry.CampaignId, entry.CategoryId, entry.OrganizationId!, judgeScores,
            ScoreAggregate.Compute(judgeScores.Select(x => x.Score).ToList(), s.JudgesAggregate), s.JudgesAggregate, now)];
    }
}

public static class ScoringEndpoints
{
    public static void MapScoring(this WebApplication app)
    {
        var judging = app.MapGroup("/judging").WithTags("Scoring").RequireAuthorization(p => p.RequireRole(Roles.Judge));

        judging.MapGet("/assignments", async (ClaimsPrincipal user, IQuerySession session, CancellationToken ct) =>
        {
            var judge = user.UserId();
            var panels = await session.Query<Panel>().Where(p => !p.Closed).ToListAsync(ct);
            var mine = panels.Where(p => p.Judges.Contains(judge)).ToList();
            var assignments = new List<Assignment>();
            foreach (var panel in mine)
            {
                var entries = await session.Query<JudgingEntry>()
                    .Where(e => e.CampaignId == panel.CampaignId && e.CategoryId == panel.CategoryId
                                && e.Review == ReviewState.Approved && !e.Excluded && !e.Judged)
                    .OrderBy(e => e.Id).ToListAsync(ct);
                assignments.AddRange(entries.Select(e => new Assignment(e.Id, e.CampaignId, e.CategoryId, e.Title!, e.StoryText,
                    e.Scores?.TryGetValue(judge, out var score) == true ? score : null)));
            }
            return assignments;
        }).WithSummary("The works assigned to the calling judge, blind (J2).");

        judging.MapPut("/entries/{entryId:guid}/score", async (Guid entryId, ScoreRequest request, ClaimsPrincipal user,
            CampaignCatalog campaigns, TimeProvider clock, IDocumentSession session, CancellationToken ct) =>
        {
            var stream = await session.Events.FetchForWriting<JudgingEntry>(entryId, ct);
            if (stream.Aggregate is not { } entry) return Results.Problem(statusCode: 404, title: "Entry not found");
            if (await session.LoadAsync<Panel>(Panel.IdFor(entry.CampaignId, entry.CategoryId), ct) is not { } panel
                || !panel.Judges.Contains(user.UserId()))
                return Results.Problem(statusCode: 404, title: "Entry not found");
            var events = ScoreDecision.Decide(campaigns.Find(entry.CampaignId)!, panel, entry, user.UserId(), request, clock.GetUtcNow());
            stream.AppendMany(events);
            await session.SaveChangesAsync(ct);
            return Results.NoContent();
        }).WithSummary("Score an assigned work from 0 to 100 (J2); the last judge's score completes it.");
    }
}
