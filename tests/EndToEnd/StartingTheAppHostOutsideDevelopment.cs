using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Campaign.EndToEnd;

/// <summary>
/// Issue 10, identity: the services run in the AppHost's environment, so an AppHost started for
/// production refuses to start without a real authority and never hands a service the development
/// issuer's key. Only the application model is built here; nothing is started.
/// </summary>
public sealed class StartingTheAppHostOutsideDevelopment
{
    private static readonly string[] Servers =
    [
        "Infrastructure:Postgres=Host=127.0.0.1;Port=1;Username=nobody",
        "Infrastructure:RabbitMq=amqp://nobody:nobody@127.0.0.1:1/",
    ];

    [Fact]
    public async Task In_production_without_an_authority_the_AppHost_refuses_to_start_and_says_why()
    {
        var refusal = await Assert.ThrowsAnyAsync<Exception>(() => ModelAsync("Production", Servers));

        Assert.Contains("Identity:Authority", Flatten(refusal));
        Assert.Contains("Production", Flatten(refusal));
    }

    [Fact]
    public async Task In_production_with_an_authority_every_service_runs_in_production_without_the_development_key()
    {
        await using var app = await ModelAsync("Production", [.. Servers, "Identity:Authority=https://id.example.org/realms/campaign"]);

        var services = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().ToList();
        Assert.Equal(PlatformFixture.Services.Order(), services.Select(s => s.Name).Order());
        foreach (var service in services)
        {
            var environment = await EnvironmentOfAsync(app, service);
            Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"]);
            Assert.Equal("https://id.example.org/realms/campaign", environment["Identity__Authority"]);
            Assert.DoesNotContain("Identity__DevelopmentSigningKey", environment.Keys);
        }
    }

    [Fact]
    public async Task In_development_the_run_command_keeps_the_development_issuer_for_every_service()
    {
        await using var app = await ModelAsync("Development", Servers);

        foreach (var service in app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>())
        {
            var environment = await EnvironmentOfAsync(app, service);
            Assert.Equal("Development", environment["ASPNETCORE_ENVIRONMENT"]);
            Assert.False(string.IsNullOrEmpty(environment["Identity__DevelopmentSigningKey"]));
        }
    }

    private static async Task<DistributedApplication> ModelAsync(string environment, string[] args)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args,
            (_, settings) => settings.EnvironmentName = environment);
        return await builder.BuildAsync();
    }

    /// <summary>The environment a service would be started with, resolved as the AppHost resolves it.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> EnvironmentOfAsync(DistributedApplication app, ProjectResource service)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(service).WithEnvironmentVariablesConfig()
            .BuildAsync(app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), NullLogger.Instance);
        return configuration.EnvironmentVariables.ToDictionary(v => v.Key, v => v.Value);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " " + Flatten(e.InnerException);
}
