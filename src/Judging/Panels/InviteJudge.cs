using System.Security.Claims;
using System.Security.Cryptography;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Identity;
using Marten;

namespace Campaign.Judging.Panels;

public sealed record InviteRequest(string Name, string? OrganizationId = null, string? JudgeId = null);

/// <summary>The invitation and the one time its link is shown.</summary>
public sealed record IssuedInvitation(Invitation Invitation, string Token)
{
    /// <summary>The link the judge opens: shown this once, never stored.</summary>
    public string LinkFrom(HttpRequest request) => $"{request.Scheme}://{request.Host}/ui/invitations/{Token}";
}

public static class InvitationDecisions
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    public static IssuedInvitation Issue(CampaignDefinition campaign, Category category, Panel? panel, InviteRequest request, string organizerId, DateTimeOffset now)
    {
        if (panel?.Closed == true)
            throw new RuleViolationException("J1", $"{category.Name}的评审已结束。", $"Judging of {category.Name} is closed.", 409);
        var name = UserText.Clean("name", request.Name, UserText.Name)
            ?? throw new RuleViolationException("J1", "邀请评委需要姓名。", "An invitation names the judge.");
        if (request.OrganizationId is { } org && campaign.FindOrganization(org) is null)
            throw new RuleViolationException("J1", $"活动中没有单位“{org}”。", $"The campaign has no organization '{org}'.");
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var judgeId = UserText.Clean("judgeId", request.JudgeId, UserText.Name) ?? $"judge-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
        var invitation = new Invitation(Invitation.HashOf(token), campaign.Id, category.Id, judgeId, name, request.OrganizationId,
            organizerId, now, now + Lifetime);
        return new IssuedInvitation(invitation, token);
    }
}

/// <summary>J1: an organizer invites a judge to the category's panel, by the API or the panel's page.</summary>
public static class InviteJudge
{
    public static async Task<IssuedInvitation> HandleAsync(IDocumentSession session, CampaignCatalog campaigns, string campaignId, string categoryId,
        InviteRequest request, string organizerId, DateTimeOffset now, CancellationToken ct)
    {
        var issued = InvitationDecisions.Issue(campaigns.Campaign(campaignId), campaigns.Category(campaignId, categoryId),
            await session.PanelAsync(campaignId, categoryId, ct), request, organizerId, now);
        session.Store(issued.Invitation);
        await session.SaveChangesAsync(ct);
        return issued;
    }

    public static void MapInviteJudge(this RouteGroupBuilder panels) =>
        panels.MapPost("/invitations", async (string campaignId, string categoryId, InviteRequest request, ClaimsPrincipal user,
                IDocumentSession session, CampaignCatalog campaigns, TimeProvider clock, HttpContext http, CancellationToken ct) =>
            {
                var issued = await HandleAsync(session, campaigns, campaignId, categoryId, request, user.UserId(), clock.GetUtcNow(), ct);
                return Results.Ok(new { issued.Invitation.JudgeId, issued.Invitation.Name, issued.Invitation.ExpiresAt, Link = issued.LinkFrom(http.Request) });
            })
            .WithSummary("Invite a judge to the panel (J1): the link, shown once, signs the judge in and seats them.");
}
