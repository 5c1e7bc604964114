using System.Security.Claims;
using System.Text;
using Campaign.Campaigns;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Campaign.ServiceDefaults.Identity;

/// <summary>
/// The embedded identity provider for a machine without one: it signs tokens for the sample users
/// of the configured campaigns with a shared key. Never enabled when a real authority is set.
/// </summary>
public sealed class DevelopmentIssuer(string signingKey, string issuer, string audience, CampaignCatalog campaigns)
{
    public const string DefaultIssuer = "campaign-development-issuer";
    public const string DefaultAudience = "campaign-platform";

    public string Issuer { get; } = issuer;
    public string Audience { get; } = audience;
    public SymmetricSecurityKey Key { get; } = CreateKey(signingKey);

    public static SymmetricSecurityKey CreateKey(string signingKey)
    {
        var bytes = Encoding.UTF8.GetBytes(signingKey);
        if (bytes.Length < 32) throw new InvalidOperationException("Identity:DevelopmentSigningKey must be at least 32 bytes");
        return new SymmetricSecurityKey(bytes);
    }

    /// <summary>Sample users, from the configured campaigns: an organizer, an operator, reviewers,
    /// judges for the largest panel, one administrator per organization and one cyberspace office
    /// per city (S3), individual workers, and one engagement feed per platform.</summary>
    public IReadOnlyList<SampleUser> Users()
    {
        var users = new List<SampleUser>
        {
            new("organizer", "活动组织者 Organizer", [Roles.Organizer]),
            new("operator", "运维 Operator", [Roles.Operator]),
        };
        users.AddRange(Enumerable.Range(1, 2).Select(i => new SampleUser($"reviewer-{i}", $"审核员 Reviewer {i}", [Roles.Reviewer])));
        // As many judges as the largest panel of the configured campaigns seats (J1).
        var judges = campaigns.All.SelectMany(c => c.Categories).Select(c => c.Panel.MaxJudges).DefaultIfEmpty(0).Max();
        users.AddRange(Enumerable.Range(1, judges).Select(i => new SampleUser($"judge-{i}", $"评委 Judge {i}", [Roles.Judge])));
        var organizations = campaigns.All.SelectMany(c => c.Organizations).DistinctBy(o => o.Id).ToList();
        // Workers 1–5 belong, verifiably, to the first organizations (O3: their individual entries take those places at
        // once); workers 6–7 belong to none their token can show, so their entries wait for an administrator's confirmation.
        users.AddRange(Enumerable.Range(1, 7).Select(i => new SampleUser($"worker-{i}", $"职工 Worker {i}", [Roles.Submitter],
            Affiliation: i <= 5 ? organizations.ElementAtOrDefault(i - 1)?.Id : null)));
        users.AddRange(organizations.Select(o => new SampleUser($"admin-{o.Id}", $"{o.Name} 管理员", [Roles.OrganizationAdministrator, Roles.Submitter], Organization: o.Id)));
        users.AddRange(organizations.Where(o => o.Kind == OrganizationKinds.City)
            .Select(o => new SampleUser($"cac-{o.Id}", $"网信办（{o.Name}所在地） Cyberspace office", [Roles.CyberspaceOffice], Organization: o.Id)));
        var platforms = campaigns.All.SelectMany(c => c.Platforms).DistinctBy(p => p.Id);
        users.AddRange(platforms.Select(p => new SampleUser($"feed-{p.Id}", $"{p.Name} 数据接口", [Roles.EngagementFeed], Platform: p.Id)));
        return users;
    }

    public string IssueToken(SampleUser user, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new("sub", user.Id), new("name", user.Name) };
        claims.AddRange(user.Roles.Select(r => new Claim(CampaignClaims.Role, r)));
        if (user.Organization is not null) claims.Add(new(CampaignClaims.Organization, user.Organization));
        if (user.Platform is not null) claims.Add(new(CampaignClaims.Platform, user.Platform));
        if (user.Affiliation is not null) claims.Add(new(CampaignClaims.Affiliation, user.Affiliation));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.Add(lifetime),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
    }
}

public sealed record SampleUser(string Id, string Name, IReadOnlyList<string> Roles, string? Organization = null, string? Platform = null,
    string? Affiliation = null);
