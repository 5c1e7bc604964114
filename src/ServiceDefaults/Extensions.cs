using Campaign.Campaigns;
using Campaign.ServiceDefaults.Http;
using Campaign.ServiceDefaults.Identity;
using Campaign.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Campaign.ServiceDefaults;

public static class Extensions
{
    /// <summary>Telemetry, health, resilience, discovery, identity, problem details and the campaigns.</summary>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddSingleton(TimeProvider.System);
        // Loaded and validated now, so a bad campaign file stops the service before it serves anything.
        builder.Services.AddSingleton(CampaignCatalog.Load(builder.Configuration["Campaigns:Directory"],
            builder.Configuration.GetValue("Campaigns:IncludeDefault", true)));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemTexts.Localize);
        // A request body is read as its type says: a missing or null field that is not optional is
        // refused with a 400 naming it, never passed on as a null to fail later with a 500. An
        // optional field of a request record therefore has a default value (`string? Reason = null`).
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.RespectRequiredConstructorParameters = true;
        });
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());
        builder.AddCampaignIdentity();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // ASP.NET Core's own lines about each request (four at Information, to the console and the OTLP exporter) took about a
        // tenth of Submission's CPU on deadline day (docs/benchmarks.md); requests are traced and measured below instead. The
        // default of lowest precedence: any configuration (Logging__LogLevel__Microsoft.AspNetCore=Information) brings them back.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" },
        });
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Every meter of the platform is named Campaign.<service>[.<part>]: one line lets them all out.
                .AddMeter("Marten", "MassTransit", "Campaign.*"))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource("Marten", "MassTransit", EventStore.IntegrationEventForwarder.ActivitySourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health")
                                                                   && !ctx.Request.Path.StartsWithSegments("/alive"))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        return builder;
    }

    /// <summary>Health, the OpenAPI document and its reference page (public); everything else needs a token.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // CORS answers browsers' preflight requests before authentication would refuse them.
        if (app.Services.GetService<Microsoft.AspNetCore.Cors.Infrastructure.ICorsService>() is not null) app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequestBodyLimits();

        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = Health.HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api").AllowAnonymous();
        app.MapGet("/", () => Results.Redirect("/api")).ExcludeFromDescription().AllowAnonymous();
        app.MapDevelopmentIssuer();
        app.MapParkedMessages();
        // A path nobody serves is absent for everyone, signed in or not (404, not a sign-in challenge).
        app.MapFallback(() => Results.Problem(statusCode: 404)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
