using System.Security.Claims;

namespace Campaign.ServiceDefaults.Identity;

/// <summary>The role claim values every service understands (DESIGN.md, "Who may do what").</summary>
public static class Roles
{
    public const string Submitter = "submitter";
    public const string OrganizationAdministrator = "org-admin";
    public const string Reviewer = "reviewer";
    public const string Judge = "judge";
    public const string Organizer = "organizer";
    public const string EngagementFeed = "engagement-feed";
    public const string Operator = "operator";
    /// <summary>A city's cyberspace affairs office (网信办), which co-approves the city's story roster (S3); its <c>org</c> claim names the city.</summary>
    public const string CyberspaceOffice = "cac-office";
}

/// <summary>Claim types beyond the standard <c>sub</c>, <c>name</c> and <c>role</c>.</summary>
public static class CampaignClaims
{
    public const string Role = "role";
    /// <summary>The organization an administrator acts for.</summary>
    public const string Organization = "org";
    /// <summary>The publishing platform an engagement feed reports for.</summary>
    public const string Platform = "platform";
    /// <summary>O3: the organization a person verifiably belongs to (set by the identity provider, not the person), which lets
    /// an entry of the individual port take that organization's quota place (Q3) without its administrator's confirmation.</summary>
    public const string Affiliation = "affiliation";
}

public static class ClaimsPrincipalExtensions
{
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue("sub") ?? throw new InvalidOperationException("the token has no 'sub' claim");

    public static string? OrganizationId(this ClaimsPrincipal user) => user.FindFirstValue(CampaignClaims.Organization);

    public static string? PlatformId(this ClaimsPrincipal user) => user.FindFirstValue(CampaignClaims.Platform);

    public static string? VerifiedAffiliation(this ClaimsPrincipal user) => user.FindFirstValue(CampaignClaims.Affiliation);
}
