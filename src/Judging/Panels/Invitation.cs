using System.Security.Cryptography;
using System.Text;

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
