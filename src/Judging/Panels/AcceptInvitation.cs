using Campaign.Campaigns;
using Marten;

namespace Campaign.Judging.Panels;

/// <summary>J1: an invited judge opens their link and takes their seat; their share of the entries follows.</summary>
public static class AcceptInvitation
{
    /// <summary>The invitation a link's token opens, while it may still be used.</summary>
    public static async Task<Invitation> UsableInvitationAsync(this IQuerySession session, string token, DateTimeOffset now, CancellationToken ct) =>
        await session.LoadAsync<Invitation>(Invitation.HashOf(token), ct) is { } invitation && invitation.Usable(now)
            ? invitation
            : throw Refusal.NotFound("邀请链接无效或已过期。", "The invitation link is not valid or has expired.");

    /// <summary>Two judges accepting at once: the second save conflicts on the panel's version (its seat is refused,
    /// never lost); accepting again seats them.</summary>
    public static Task<Panel> HandleAsync(IDocumentSession session, CampaignCatalog campaigns, Invitation invitation, DateTimeOffset now, CancellationToken ct) =>
        session.ChangePanelAsync(campaigns, invitation.CampaignId, invitation.CategoryId, (category, current) =>
        {
            var panel = PanelDecisions.Join(category, current, invitation.CampaignId, new Judge(invitation.JudgeId, invitation.Name, invitation.OrganizationId));
            session.Store(invitation with { AcceptedAt = invitation.AcceptedAt ?? now });
            return panel;
        }, now, ct);
}
