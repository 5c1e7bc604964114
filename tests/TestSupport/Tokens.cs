using System.Net.Http.Headers;
using Campaign.Campaigns;
using Campaign.ServiceDefaults.Identity;

namespace Campaign.TestSupport;

/// <summary>Signs tokens the services under test accept, for any user a test needs.</summary>
public static class Tokens
{
    public const string SigningKey = "campaign-platform-tests-signing-key-0123456789";

    private static readonly DevelopmentIssuer Issuer = new(SigningKey, DevelopmentIssuer.DefaultIssuer,
        DevelopmentIssuer.DefaultAudience, new CampaignCatalog([]));

    public static string For(SampleUser user) => Issuer.IssueToken(user, TimeSpan.FromHours(1));

    /// <summary>A token signed with the tests' key carrying exactly these claims, valid from <paramref name="notBefore"/> to <paramref name="expires"/>.</summary>
    public static string Signed(IEnumerable<System.Security.Claims.Claim> claims, DateTime notBefore, DateTime expires) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = DevelopmentIssuer.DefaultIssuer,
            Audience = DevelopmentIssuer.DefaultAudience,
            Subject = new System.Security.Claims.ClaimsIdentity(claims),
            NotBefore = notBefore,
            IssuedAt = notBefore,
            Expires = expires,
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(Issuer.Key, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });

    public static HttpClient WithToken(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static HttpClient As(this HttpClient client, SampleUser user)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", For(user));
        return client;
    }
}

/// <summary>The people of the tests.</summary>
public static class Users
{
    public static readonly SampleUser Organizer = new("organizer", "Organizer", [Roles.Organizer]);
    public static readonly SampleUser Operator = new("operator", "Operator", [Roles.Operator]);
    public static readonly SampleUser Reviewer = new("reviewer-1", "Reviewer", [Roles.Reviewer]);
    private static int _workers = 1000;

    public static SampleUser Worker(int n) => new($"worker-{n}", $"Worker {n}", [Roles.Submitter]);
    /// <summary>A worker no other test uses: Q2 gives each person one entry per category.</summary>
    public static SampleUser NewWorker() => Worker(Interlocked.Increment(ref _workers));
    /// <summary>A new worker whose token carries a verified affiliation (O3): their individual entries take that organization's places (Q3).</summary>
    public static SampleUser NewWorkerOf(string organization) => NewWorker() with { Affiliation = organization };
    public static SampleUser Judge(int n) => new($"judge-{n}", $"Judge {n}", [Roles.Judge]);
    public static SampleUser AdminOf(string organization) =>
        new($"admin-{organization}", $"Admin {organization}", [Roles.OrganizationAdministrator, Roles.Submitter], Organization: organization);
    public static SampleUser Feed(string platform) => new($"feed-{platform}", $"Feed {platform}", [Roles.EngagementFeed], Platform: platform);
}
