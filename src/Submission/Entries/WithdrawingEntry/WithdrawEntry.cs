using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.ServiceDefaults.Identity;
using Campaign.Submission.Entries.SubmittingEntry;
using Marten;
using Campaign.ServiceDefaults.EventStore;

namespace Campaign.Submission.Entries.WithdrawingEntry;

public static class WithdrawEntryDecision
{
    /// <summary>
    /// C1: a submitter may take an entry back until judging has produced a score — judged once is
    /// judged, even if news of an earlier stage was recorded after it.
    /// </summary>
    public static EntryWithdrawn Decide(Entry entry, string userId, DateTimeOffset now) =>
        entry switch
        {
            { IsClosed: true } =>
                throw new RuleViolationException("C1", $"作品已经是{entry.Status}状态。", $"The entry is already {entry.Status.ToString().ToLowerInvariant()}.", 409),
            { IsJudged: true } =>
                throw new RuleViolationException("C1", "作品已评审，不能撤回。", "The entry has been judged and can no longer be withdrawn.", 409),
            _ => new EntryWithdrawn(entry.Id, entry.CampaignId, entry.CategoryId, userId, now),
        };
}

public static class WithdrawEntryEndpoint
{
    public static void MapWithdrawEntry(this RouteGroupBuilder entries) =>
        entries.MapPost("/{id:guid}/withdrawal", async (Guid id, ClaimsPrincipal user, TimeProvider clock,
                IDocumentSession session, CancellationToken ct) =>
            {
                var withdrawn = await session.GetAndUpdate<Entry>(id, entry =>
                {
                    if (entry is null || !user.ActsFor(entry)) return null;
                    var decided = WithdrawEntryDecision.Decide(entry, user.UserId(), clock.GetUtcNow());
                    session.DeleteWhere<Slot>(s => s.EntryId == id); // Q2, Q3: its places are free again
                    return [decided];
                }, ct);
                return withdrawn ? Results.NoContent() : throw Refusal.NotFound("作品不存在", "Entry not found");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Submitter, Roles.OrganizationAdministrator))
            .WithName("WithdrawEntry")
            .WithSummary("The submitter, or the organization's administrator, withdraws an entry before it is judged.")
            .ProducesProblem(404).ProducesProblem(409);
}
