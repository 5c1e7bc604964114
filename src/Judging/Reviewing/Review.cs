using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Judging.Entries;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Judging.Reviewing;

public sealed record ReviewRequest(bool Approved, string? Reason);

public static class ReviewDecision
{
    /// <summary>P1: a work is reviewed (审核) once its media passed or need a person's eye; a rejection says why.</summary>
    public static EntryReviewed Decide(JudgingEntry entry, ReviewRequest request, string reviewer, DateTimeOffset now)
    {
        if (!entry.AwaitingReview)
            throw new RuleViolationException("P1", entry.Excluded
                ? "The entry was withdrawn or disqualified."
                : $"The entry is not awaiting review (it is {entry.Review}).", 409);
        if (!request.Approved && string.IsNullOrWhiteSpace(request.Reason))
            throw new RuleViolationException("P1", "A rejection needs a reason the submitter will see.");
        return new EntryReviewed(entry.Id, entry.CampaignId, entry.CategoryId, request.Approved, request.Reason?.Trim(), reviewer, now);
    }
}

public static class ReviewEndpoints
{
    public static void MapReviewing(this WebApplication app)
    {
        var group = app.MapGroup("/review").WithTags("Review")
            .RequireAuthorization(p => p.RequireRole(Roles.Reviewer, Roles.Organizer));

        group.MapGet("/queue", async (string? campaignId, string? categoryId, IQuerySession session, CancellationToken ct) =>
        {
            var query = session.Query<JudgingEntry>().Where(e => e.Review == ReviewState.AwaitingReview && !e.Excluded && e.Title != null);
            if (campaignId is not null) query = query.Where(e => e.CampaignId == campaignId);
            if (categoryId is not null) query = query.Where(e => e.CategoryId == categoryId);
            return await query.OrderBy(e => e.Id).Take(200).ToListAsync(ct);
        }).WithSummary("Entries awaiting review, with their media findings (P1).");

        group.MapPost("/{entryId:guid}", async (Guid entryId, ReviewRequest request, ClaimsPrincipal user, TimeProvider clock,
            IDocumentSession session, CancellationToken ct) =>
        {
            var stream = await session.Events.FetchForWriting<JudgingEntry>(entryId, ct);
            if (stream.Aggregate is not { } entry) return Results.Problem(statusCode: 404, title: "Entry not found");
            var reviewed = ReviewDecision.Decide(entry, request, user.UserId(), clock.GetUtcNow());
            stream.AppendOne(reviewed);
            await session.SaveChangesAsync(ct);
            return Results.Ok(reviewed);
        }).WithSummary("Approve an entry for publication, or reject it with a reason (P1).");
    }
}
