using Campaign.Judging.Entries;
using Marten;

namespace Campaign.Judging.Reviewing;

/// <summary>P1: the reviewers' queue — works whose media passed or need a person's eye, with their findings.</summary>
public static class ReviewQueue
{
    public static async Task<IReadOnlyList<JudgingEntry>> ListAsync(IQuerySession session, string? campaignId, string? categoryId, CancellationToken ct)
    {
        var query = session.Query<JudgingEntry>().Where(e => e.Review == ReviewState.AwaitingReview && !e.Excluded && e.Title != null);
        if (campaignId is not null) query = query.Where(e => e.CampaignId == campaignId);
        if (categoryId is not null) query = query.Where(e => e.CategoryId == categoryId);
        return await query.OrderBy(e => e.Id).Take(200).ToListAsync(ct);
    }

    public static void MapReviewQueue(this RouteGroupBuilder review) =>
        review.MapGet("/queue", (string? campaignId, string? categoryId, IDocumentSession session, CancellationToken ct) =>
                ListAsync(session, campaignId, categoryId, ct))
            .WithSummary("Entries awaiting review, with their media findings (P1).");
}
