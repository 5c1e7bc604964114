using System.Security.Cryptography;
using System.Text;
using Campaign.Campaigns;

namespace Campaign.Judging.Panels;

/// <summary>
/// J1: an organizer invites a judge to a category's panel. The link carries a random token; only
/// its hash is stored, so the table does not hold working links. Opening the link signs the judge
/// in and seats them on the panel.
/// </summary>
public sealed record Invitation(
    string Id,
    string CampaignId,
    string CategoryId,
    string JudgeId,
    string Name,
    string? OrganizationId,
    string InvitedBy,
    DateTimeOffset InvitedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt = null,
    bool Revoked = false)
{
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool Usable(DateTimeOffset now) => !Revoked && now < ExpiresAt;
}

public sealed record InviteRequest(string Name, string? OrganizationId = null, string? JudgeId = null);

/// <summary>The invitation and the one time its link is shown.</summary>
public sealed record IssuedInvitation(Invitation Invitation, string Token);

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
