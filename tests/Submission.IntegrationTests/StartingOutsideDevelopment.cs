using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

/// <summary>
/// The development token issuer exists only in Development: the real service, started as its own
/// process in Production, refuses to start without a real identity provider, and with one the
/// development endpoints are absent.
/// </summary>
public sealed class StartingOutsideDevelopment
{
    [Fact]
    public async Task In_production_without_an_authority_the_service_refuses_to_start_and_says_why()
    {
        var servers = await TestServers.GetAsync();
        using var service = await StartAsync(servers, port: FreePort(), authority: null);

        Assert.True(service.Process.WaitForExit(TimeSpan.FromSeconds(60)), "the service kept running");
        Assert.NotEqual(0, service.Process.ExitCode);
        var output = service.Output();
        Assert.Contains("Identity:Authority is not set", output);
        Assert.Contains("'Production'", output);
    }

    [Fact]
    public async Task In_production_with_an_authority_the_development_endpoints_are_absent()
    {
        var servers = await TestServers.GetAsync();
        var port = FreePort();
        using var service = await StartAsync(servers, port, authority: "http://127.0.0.1:9/realms/campaign");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var health = await Eventually.GetAsync(async () =>
        {
            if (service.Process.HasExited) throw new InvalidOperationException($"the service exited: {service.Output()}");
            try { return (await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK ? "up" : null; }
            catch (HttpRequestException) { return null; }
        }, "the service healthy", TimeSpan.FromSeconds(90));
        Assert.Equal("up", health);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/identity/dev/users")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/identity/dev/token",
            new StringContent("""{"user":"organizer"}""", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/entries")).StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The built Submission service (the configuration this test was built in), run with <c>dotnet</c> as an operator would.</summary>
    private static async Task<RunningService> StartAsync(TestServers servers, int port, string? authority)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0
        var dll = Path.Combine(Tools.RepositoryRoot(), "src", "Submission", "bin", configuration, "net10.0", "Campaign.Submission.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ConnectionStrings__submission"] = servers.NewDatabase("submission");
        info.Environment["ConnectionStrings__rabbitmq"] = (await servers.NewVirtualHostAsync()).ToString();
        info.Environment["Media__Root"] = Path.Combine(Path.GetTempPath(), $"campaign-media-{Guid.NewGuid():N}");
        // A key is given, as the AppHost would: outside Development it must not turn the issuer on.
        info.Environment["Identity__DevelopmentSigningKey"] = Tokens.SigningKey;
        if (authority is not null)
        {
            info.Environment["Identity__Authority"] = authority;
            info.Environment["Identity__RequireHttpsMetadata"] = "false";
        }
        return new RunningService(Process.Start(info)!);
    }

    private sealed class RunningService : IDisposable
    {
        private readonly System.Text.StringBuilder output = new();

        public RunningService(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        /// <summary>
        /// What the process wrote. Once it has exited, the untimed WaitForExit also waits for the
        /// redirected streams to reach their end (the timed one does not: the last lines, the ones
        /// that say why, could still be on their way — a flaky empty string in CI).
        /// </summary>
        public string Output()
        {
            if (Process.WaitForExit(TimeSpan.FromSeconds(2))) Process.WaitForExit();
            lock (output) return output.ToString();
        }

        public void Dispose()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            Process.WaitForExit(TimeSpan.FromSeconds(10));
            Process.Dispose();
        }
    }
}
