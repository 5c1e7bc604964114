using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Campaign.TestSupport;

/// <summary>
/// One service in memory (<c>WebApplicationFactory</c>) against the real servers, with its own
/// database and virtual host, the test campaign beside the default one, and test-signed tokens.
/// </summary>
public class ServiceFactory<TProgram>(string service, bool kestrel = false) : WebApplicationFactory<TProgram>, IAsyncLifetime where TProgram : class
{
    public string Service { get; } = service;
    public string Database { get; private set; } = "";
    public Uri RabbitMq { get; private set; } = null!;
    /// <summary>The service's media store folder (content-addressed, see <c>FileSystemMediaStore</c>).</summary>
    public string MediaRoot { get; private set; } = Path.Combine(Path.GetTempPath(), $"campaign-media-{Guid.NewGuid():N}");
    public TestServers Servers { get; private set; } = null!;
    /// <summary>Publishes what a test sends and records what <see cref="Observe"/> names.</summary>
    public BusProbe Bus { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Servers = await TestServers.GetAsync();
        if (Database == "") Database = Servers.NewDatabase(Service);
        RabbitMq ??= await Servers.NewVirtualHostAsync();
        if (kestrel)
        {
            // A real socket, for clients outside this process (tus-js-client under Node).
            UseKestrel(0);
            StartServer();
        }
        _ = Services; // starts the host: migrations run, the daemon and the bus start
        Bus = await BusProbe.StartAsync(RabbitMq, Observe);
    }

    /// <summary>Where the real server listens, when started with <c>kestrel: true</c>.</summary>
    public Uri ServerAddress => new(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The messages of the service under test that the probe records.</summary>
    protected virtual void Observe(BusProbe.Observer observer) { }

    /// <summary>A second instance on the same database and virtual host: the same service, restarted.</summary>
    public ServiceFactory<TProgram> Restarted() => new(Service) { Database = Database, RabbitMq = RabbitMq, MediaRoot = MediaRoot, DaemonMode = DaemonMode };

    /// <summary>The outbox daemon's mode: Solo for one instance; HotCold where replicas run side by side (one forwards).</summary>
    public string DaemonMode { get; init; } = "Solo";

    public HttpClient ClientAs(Campaign.ServiceDefaults.Identity.SampleUser? user)
    {
        var client = CreateClient();
        return user is null ? client : client.As(user);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting($"ConnectionStrings:{Service}", Database);
        builder.UseSetting("ConnectionStrings:rabbitmq", RabbitMq.ToString());
        builder.UseSetting("Identity:DevelopmentSigningKey", Tokens.SigningKey);
        builder.UseSetting("Campaigns:Directory", Path.Combine(AppContext.BaseDirectory, "campaigns"));
        builder.UseSetting("EventStore:DaemonMode", DaemonMode);
        builder.UseSetting("Media:Root", MediaRoot);
        builder.UseSetting("Messaging:RetryBudget", "00:00:05");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Authorization", "Error");
    }

    public override async ValueTask DisposeAsync()
    {
        if (Bus is not null) await Bus.DisposeAsync();
        await base.DisposeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
