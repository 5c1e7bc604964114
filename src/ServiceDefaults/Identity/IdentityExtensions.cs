using Campaign.Campaigns;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaign.ServiceDefaults.Identity;

/// <summary>
/// JWT bearer tokens from a configurable issuer. <c>Identity:Authority</c> names a real OpenID
/// Connect provider (discovery and keys come from it). Only in the Development environment, and
/// only without an authority, the development issuer signs with <c>Identity:DevelopmentSigningKey</c>;
/// any other environment without an authority refuses to start. Every endpoint needs a token unless
/// marked public.
/// </summary>
public static class IdentityExtensions
{
    /// <summary>Tokens expire on time: the framework's default tolerance of five minutes is too generous.</summary>
    public static readonly TimeSpan DefaultClockSkew = TimeSpan.FromSeconds(30);

    public static IHostApplicationBuilder AddCampaignIdentity(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Identity");
        var authority = section["Authority"];
        var audience = section["Audience"] ?? DevelopmentIssuer.DefaultAudience;
        var devKey = DevelopmentKey(builder, authority);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.Audience = audience;
            o.TokenValidationParameters.NameClaimType = "sub";
            o.TokenValidationParameters.RoleClaimType = section["RoleClaim"] ?? CampaignClaims.Role;
            o.TokenValidationParameters.ClockSkew = section.GetValue("ClockSkew", DefaultClockSkew);
            o.TokenValidationParameters.RequireExpirationTime = true;
            // Who acts comes from the token: one without a subject names nobody.
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst("sub")?.Value)) context.Fail("The token has no 'sub' claim.");
                    return Task.CompletedTask;
                },
            };
            if (devKey is null)
            {
                o.Authority = authority;
                o.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true);
            }
            else
            {
                o.TokenValidationParameters.ValidIssuer = section["Issuer"] ?? DevelopmentIssuer.DefaultIssuer;
                o.TokenValidationParameters.IssuerSigningKey = DevelopmentIssuer.CreateKey(devKey);
            }
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        if (devKey is not null)
            builder.Services.AddSingleton(sp => new DevelopmentIssuer(devKey,
                section["Issuer"] ?? DevelopmentIssuer.DefaultIssuer, audience, sp.GetRequiredService<CampaignCatalog>()));
        return builder;
    }

    /// <summary>The development issuer's key when it may run, null when a real authority is set; a clear refusal otherwise.</summary>
    private static string? DevelopmentKey(IHostApplicationBuilder builder, string? authority)
    {
        if (!string.IsNullOrWhiteSpace(authority)) return null;
        if (!builder.Environment.IsDevelopment())
            throw new InvalidOperationException(
                $"Identity:Authority is not set, and the environment is '{builder.Environment.EnvironmentName}'. Outside Development every " +
                "service needs a real identity provider (set Identity__Authority; see docs/identity.md): the development token issuer " +
                "runs only with ASPNETCORE_ENVIRONMENT=Development.");
        var key = builder.Configuration["Identity:DevelopmentSigningKey"];
        if (string.IsNullOrWhiteSpace(key))
            throw new InvalidOperationException(
                "Neither Identity:Authority nor Identity:DevelopmentSigningKey is set: name a real identity provider, or give the " +
                "development issuer a key of at least 32 bytes (the AppHost makes one each run).");
        return key;
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
                : throw new Refusal(404, "没有这个用户", "Unknown user", $"没有示例用户“{request.User}”，见 /identity/dev/users。", $"No sample user '{request.User}'; see /identity/dev/users."));
        return app;
    }

    public sealed record TokenRequest(string User);

    public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
}
