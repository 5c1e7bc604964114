using Campaign.Campaigns;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Campaign.ServiceDefaults.Identity;

/// <summary>
/// JWT bearer tokens from a configurable issuer. <c>Identity:Authority</c> names a real OpenID
/// Connect provider (discovery and keys come from it); without it the development issuer signs
/// with <c>Identity:DevelopmentSigningKey</c>. Every endpoint needs a token unless marked public.
/// </summary>
public static class IdentityExtensions
{
    public static IHostApplicationBuilder AddCampaignIdentity(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Identity");
        var authority = section["Authority"];
        var audience = section["Audience"] ?? DevelopmentIssuer.DefaultAudience;
        var devKey = section["DevelopmentSigningKey"];

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.Audience = audience;
            o.TokenValidationParameters.NameClaimType = "sub";
            o.TokenValidationParameters.RoleClaimType = section["RoleClaim"] ?? CampaignClaims.Role;
            if (!string.IsNullOrWhiteSpace(authority))
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true);
            }
            else if (!string.IsNullOrWhiteSpace(devKey))
            {
                o.TokenValidationParameters.ValidIssuer = section["Issuer"] ?? DevelopmentIssuer.DefaultIssuer;
                o.TokenValidationParameters.IssuerSigningKey = DevelopmentIssuer.CreateKey(devKey);
            }
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        if (string.IsNullOrWhiteSpace(authority) && !string.IsNullOrWhiteSpace(devKey))
            builder.Services.AddSingleton(sp => new DevelopmentIssuer(devKey,
                section["Issuer"] ?? DevelopmentIssuer.DefaultIssuer, audience, sp.GetRequiredService<CampaignCatalog>()));
        return builder;
    }

    /// <summary>Public only while the development issuer is on: lists sample users and signs a token for one.</summary>
    public static IEndpointRouteBuilder MapDevelopmentIssuer(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetService<DevelopmentIssuer>() is null) return app;
        var group = app.MapGroup("/identity/dev").AllowAnonymous().WithTags("Development identity");
        group.MapGet("/users", (DevelopmentIssuer issuer) => issuer.Users());
        group.MapPost("/token", (TokenRequest request, DevelopmentIssuer issuer) =>
            issuer.Users().FirstOrDefault(u => u.Id == request.User) is { } user
                ? Results.Ok(new TokenResponse(issuer.IssueToken(user, TimeSpan.FromHours(8)), "Bearer", 8 * 3600))
                : Results.Problem(statusCode: 404, title: "Unknown user", detail: $"No sample user '{request.User}'; see /identity/dev/users."));
        return app;
    }

    public sealed record TokenRequest(string User);

    public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
}
