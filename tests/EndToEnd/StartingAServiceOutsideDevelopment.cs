using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Campaign.TestSupport;

namespace Campaign.EndToEnd;

/// <summary>
/// Issue 10, identity: the development token issuer exists only in Development. Each real service, started as its
/// own process in Production, refuses to start without a real identity provider, and with one the development
/// endpoints are absent and its API asks for a token. (The AppHost's side: <see cref="StartingTheAppHostOutsideDevelopment"/>.)
/// </summary>
public sealed class StartingAServiceOutsideDevelopment
{
    /// <summary>Each service, with an endpoint of its API that only a signed-in caller may read.</summary>
    public static TheoryData<string, string> Services => new()
    {
        { "Submission", "/entries" },
        { "MediaCheck", $"/checks/{Guid.NewGuid()}" },
        { "Judging", "/judging/assignments" },
        { "Engagement", "/engagement/connectors" },
        { "Awards", "/results/test-2026/story/table" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task In_production_without_an_authority_the_service_refuses_to_start_and_says_why(string name, string _)
    {
        var servers = await TestServers.GetAsync();
        using var service = await StartAsync(servers, name, port: FreePort(), authority: null);

        Assert.True(service.Process.WaitForExit(TimeSpan.FromSeconds(60)), "the service kept running");
        Assert.NotEqual(0, service.Process.ExitCode);
        var output = service.Output();
        Assert.Contains("Identity:Authority is not set", output);
        Assert.Contains("'Production'", output);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task In_production_with_an_authority_the_development_endpoints_are_absent(string name, string api)
    {
        var servers = await TestServers.GetAsync();
        var port = FreePort();
        using var service = await StartAsync(servers, name, port, authority: "http://127.0.0.1:9/realms/campaign");
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
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(api)).StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The built service (the configuration this test was built in, as the AppHost's references build it), run with <c>dotnet</c> as an operator would.</summary>
    private static async Task<RunningService> StartAsync(TestServers servers, string name, int port, string? authority)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0
        var dll = Path.Combine(Tools.RepositoryRoot(), "src", name, "bin", configuration, "net10.0", $"Campaign.{name}.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment[$"ConnectionStrings__{name.ToLowerInvariant()}"] = servers.NewDatabase(name.ToLowerInvariant());
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
