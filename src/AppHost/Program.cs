using System.Security.Cryptography;
using Campaign.AppHost;
using Microsoft.Extensions.Hosting;

var builder = DistributedApplication.CreateBuilder(args);
var infrastructure = Infrastructure.Add(builder);

// The development issuer's key lives for one run unless configured; a real provider replaces it (docs/identity.md).
// One media store for every service: a folder here; an S3-compatible bucket in production (docs/operations.md).
var mediaRoot = Path.GetFullPath(builder.Configuration["Media:Root"] ?? Path.Combine(builder.AppHostDirectory, "..", "..", ".data", "platform", "media"));
// The services run the development issuer only in Development and only without a real authority. The
// services run in the AppHost's environment (not their launch profiles'), so an AppHost started for
// production never hands them a development key, and without a real authority it does not start.
var environment = builder.Environment.EnvironmentName;
var withoutAuthority = string.IsNullOrWhiteSpace(builder.Configuration["Identity:Authority"]);
if (withoutAuthority && !builder.Environment.IsDevelopment())
    throw new InvalidOperationException($"The AppHost runs in the {environment} environment without Identity:Authority. " +
        "Name a real identity provider (docs/identity.md); the development issuer runs only in Development.");
var signingKey = withoutAuthority
    ? builder.Configuration["Identity:DevelopmentSigningKey"] ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))
    : null;
var campaignDirectories = CampaignFolders.Of(builder);

foreach (var (name, project) in new (string, IResourceBuilder<ProjectResource>)[]
{
    ("submission", builder.AddProject<Projects.Submission>("submission")),
    ("mediacheck", builder.AddProject<Projects.MediaCheck>("mediacheck")),
    ("judging", builder.AddProject<Projects.Judging>("judging")),
    ("engagement", builder.AddProject<Projects.Engagement>("engagement")),
    ("awards", builder.AddProject<Projects.Awards>("awards")),
})
{
    infrastructure.Connect(project, database: name);
    project.WithEnvironment("ASPNETCORE_ENVIRONMENT", environment);
    if (signingKey is not null) project.WithEnvironment("Identity__DevelopmentSigningKey", signingKey);
    if (campaignDirectories.Length > 0) project.WithEnvironment("Campaigns__Directory", campaignDirectories);
    project.WithEnvironment("Media__Root", mediaRoot)
        .WithHttpHealthCheck("/health");
    foreach (var key in new[] { "Identity:Authority", "Identity:Audience", "Identity:Issuer", "Identity:RoleClaim", "Identity:ClockSkew", "Identity:RequireHttpsMetadata", "Identity:UiClientId",
                 "Identity:UiClientSecret", "EventStore:DaemonMode", "Media:Store", "Media:S3:ServiceUrl",
                 "Media:S3:Bucket", "Media:S3:AccessKey", "Media:S3:SecretKey", "Media:S3:Region", "Media:S3:ForcePathStyle",
                 "MediaCheck:Ffprobe", "MediaCheck:Ffmpeg", "Metrics:StateInterval", "Awards:PublicBaseUrl" })
        if (builder.Configuration[key] is { Length: > 0 } value)
            project.WithEnvironment(key.Replace(":", "__"), value);
}

builder.Build().Run();
