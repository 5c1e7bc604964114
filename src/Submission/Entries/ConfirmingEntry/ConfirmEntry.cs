using System.Security.Claims;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.EventStore;
using Campaign.ServiceDefaults.Identity;
using Campaign.Submission.Entries.SubmittingEntry;
using Marten;

namespace Campaign.Submission.Entries.ConfirmingEntry;

public sealed record AffiliationRequest(bool Accepted, string? Reason = null);

/// <summary>
/// O3, Q2, Q3: a held entry of the individual port enters the campaign once every other member of
/// its group has confirmed with their own sign-in and its organization has recognized the submitter.
/// The last confirmation submits the draft as it was held (its time is the time it was submitted).
/// </summary>
public static class ConfirmEntryDecision
{
    public static object[] ConfirmMember(Entry entry, string memberId, DateTimeOffset now)
    {
        AwaitingConfirmation(entry);
        if (entry.AwaitingMembers?.Contains(memberId) != true)
            throw new RuleViolationException("Q2", "您不是此作品待确认的成员。", "You are not a member this entry awaits.", 409);
        return Complete(entry, new MemberConfirmed(entry.Id, memberId, now), entry.Apply);
    }

    public static object[] DecideAffiliation(Entry entry, bool accepted, string? reason, string administratorId, DateTimeOffset now)
    {
        AwaitingConfirmation(entry);
        if (!entry.AwaitingAffiliation)
            throw new RuleViolationException("O3", "此作品的所属单位已确认。", "This entry's affiliation is already confirmed.", 409);
        if (accepted)
            return Complete(entry, new AffiliationConfirmed(entry.Id, entry.OrganizationId, administratorId, now), entry.Apply);
        var cleaned = UserText.Clean("reason", reason, UserText.Reason, multiline: true)
            ?? throw new RuleViolationException("O3", "不确认所属单位须写明理由，投稿人会看到。", "Declining the affiliation needs a reason the submitter will see.");
        return [new AffiliationDeclined(entry.Id, entry.OrganizationId, administratorId, cleaned, now)];
    }

    private static void AwaitingConfirmation(Entry entry)
    {
        if (entry.Status != EntryStatus.Held)
            throw new RuleViolationException("O3", "此作品不在待确认状态。", $"The entry is not awaiting confirmation (it is {entry.Status}).", 409);
    }

    private static object[] Complete<T>(Entry entry, T confirmation, Func<T, Entry> apply) where T : notnull =>
        apply(confirmation) is { IsConfirmed: true } && entry.Draft is { } draft ? [confirmation, draft] : [confirmation];
}

public static class ConfirmEntryEndpoints
{
    public static void MapConfirmEntry(this RouteGroupBuilder entries)
    {
        entries.MapPost("/{id:guid}/confirmation", (Guid id, ClaimsPrincipal user, CampaignCatalog campaigns, TimeProvider clock,
                ISessionFactory sessions, CancellationToken ct) =>
                Places.ClaimingAsync(sessions, async session =>
                {
                    var confirmed = await session.GetAndUpdate<Entry>(id, async entry =>
                    {
                        if (entry is null || !user.CanSee(entry)) return null;
                        var events = ConfirmEntryDecision.ConfirmMember(entry, user.UserId(), clock.GetUtcNow());
                        var campaign = campaigns.Find(entry.CampaignId)!;
                        // Q2: the member's own place is taken when they confirm, with their own account.
                        session.Insert(await Places.PersonAsync(session, campaign, campaign.FindCategory(entry.CategoryId)!,
                            Places.Person(entry.Port, entry.OrganizationId, user.UserId()), id, ct));
                        return events;
                    }, ct);
                    return confirmed ? Results.Ok(await session.LoadAsync<Entry>(id, ct)) : throw Refusal.NotFound("作品不存在", "Entry not found");
                }, ct))
            .RequireAuthorization(p => p.RequireRole(Roles.Submitter))
            .WithName("ConfirmMembership")
            .WithSummary("A member named in a held group entry confirms, with their own sign-in, that they are in it (O3, Q2).")
            .ProducesProblem(404).ProducesProblem(409);

        entries.MapPost("/{id:guid}/affiliation", (Guid id, AffiliationRequest request, ClaimsPrincipal user, CampaignCatalog campaigns,
                TimeProvider clock, ISessionFactory sessions, CancellationToken ct) =>
                Places.ClaimingAsync(sessions, async session =>
                {
                    var decided = await session.GetAndUpdate<Entry>(id, async entry =>
                    {
                        if (entry is null || !(user.IsInRole(Roles.OrganizationAdministrator) && user.OrganizationId() == entry.OrganizationId)) return null;
                        var events = ConfirmEntryDecision.DecideAffiliation(entry, request.Accepted, request.Reason, user.UserId(), clock.GetUtcNow());
                        var campaign = campaigns.Find(entry.CampaignId)!;
                        if (!request.Accepted) session.DeleteWhere<Slot>(s => s.EntryId == id); // its places are free again
                        else if (await Places.QuotaAsync(session, campaign, campaign.FindCategory(entry.CategoryId)!, entry.OrganizationId, id, ct) is { } quota)
                            session.Insert(quota); // Q3: the place is taken now, or the confirmation is refused
                        return events;
                    }, ct);
                    return decided ? Results.Ok(await session.LoadAsync<Entry>(id, ct)) : throw Refusal.NotFound("作品不存在", "Entry not found");
                }, ct))
            .RequireAuthorization(p => p.RequireRole(Roles.OrganizationAdministrator))
            .WithName("DecideAffiliation")
            .WithSummary("The organization's administrator confirms or declines (with a reason) that the submitter of a held entry is one of its people (O3, Q3).")
            .ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
    }
}
