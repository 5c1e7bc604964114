using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.Identity;
using Campaign.Submission.Entries.SubmittingEntry;
using Marten;
using Campaign.ServiceDefaults.EventStore;

namespace Campaign.Submission.Entries.DisqualifyingEntry;

public sealed record DisqualifyEntryRequest(string Reason);

public static class DisqualifyEntryDecision
{
    /// <summary>C1: an infringing entry can be disqualified at any stage; its history stays.</summary>
    public static EntryDisqualified Decide(Entry entry, string reason, string userId, DateTimeOffset now)
    {
        if (entry.Status == EntryStatus.Disqualified)
            throw new RuleViolationException("C1", "作品已被取消资格。", "The entry is already disqualified.", 409);
        var cleaned = UserText.Clean("reason", reason, UserText.Reason, multiline: true)
            ?? throw new RuleViolationException("C1", "取消资格须说明理由。", "A disqualification needs a reason.");
        return new EntryDisqualified(entry.Id, entry.CampaignId, entry.CategoryId, cleaned, userId, now);
    }
}

public static class DisqualifyEntryEndpoint
{
    public static void MapDisqualifyEntry(this RouteGroupBuilder entries) =>
        entries.MapPost("/{id:guid}/disqualification", async (Guid id, DisqualifyEntryRequest request, ClaimsPrincipal user,
                TimeProvider clock, IDocumentSession session, CancellationToken ct) =>
            {
                var disqualified = await session.GetAndUpdate<Entry>(id, entry =>
                {
                    if (entry is null) return null;
                    var decided = DisqualifyEntryDecision.Decide(entry, request.Reason, user.UserId(), clock.GetUtcNow());
                    session.DeleteWhere<Slot>(s => s.EntryId == id); // Q2, Q3: its places are free again
                    return [decided];
                }, ct);
                return disqualified ? Results.NoContent() : throw Refusal.NotFound("作品不存在", "Entry not found");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Organizer))
            .WithName("DisqualifyEntry")
            .WithSummary("An organizer disqualifies an entry at any stage, with a reason (C1).")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
}
