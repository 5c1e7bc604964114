using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaign.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace Campaign.MediaCheck.IntegrationTests;

/// <summary>The service configured with <paramref name="settings"/> on top of the tests' own.</summary>
public sealed class ConfiguredMediaCheck(params (string Key, string Value)[] settings) : ServiceFactory<Program>("mediacheck")
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }
}

public sealed class ReportingHealth
{
    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> HealthOf(ServiceFactory<Program> service)
    {
        var response = await service.CreateClient().GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!));
    }

    [Fact]
    public async Task Given_the_servers_the_tools_and_the_store_When_health_is_asked_Then_each_is_checked_and_healthy()
    {
        await using var service = new ConfiguredMediaCheck();
        await service.InitializeAsync();

        var (status, checks) = await HealthOf(service);
        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var name in new[] { "database", "masstransit-bus", "ffprobe", "media-store" }) Assert.Equal("Healthy", checks[name]);
    }

    [Fact]
    public async Task Given_ffprobe_configured_where_there_is_none_When_health_is_asked_Then_the_service_is_unhealthy()
    {
        await using var service = new ConfiguredMediaCheck(("MediaCheck:Ffprobe", "/no/such/ffprobe"));
        await service.InitializeAsync();

        var (status, checks) = await HealthOf(service);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks["ffprobe"]);
        Assert.Equal("Healthy", checks["media-store"]);
    }

    [Fact]
    public async Task Given_a_media_store_that_cannot_be_written_When_health_is_asked_Then_the_service_is_unhealthy()
    {
        // A folder under a plain file can never be made, whoever runs the test (root writes anywhere chmod forbids).
        var file = Path.GetTempFileName();
        await using var service = new ConfiguredMediaCheck(("Media:Root", Path.Combine(file, "media")));
        await service.InitializeAsync();
        try
        {
            var (status, checks) = await HealthOf(service);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("Unhealthy", checks["media-store"]);
            Assert.Equal("Healthy", checks["database"]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
