using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Campaign.Engagement.IntegrationTests.Connectors;

/// <summary>
/// A platform's data API played in this process: a minimal API on a free loopback port that answers
/// with the shapes the platform documents, each call written down so a test can count them.
/// </summary>
public abstract class StandIn : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _calls = new();
    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The paths called, in order.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public int CallsTo(string path) => _calls.Count(c => c == path);

    protected abstract void Map(WebApplication app);

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Use((context, next) =>
        {
            _calls.Enqueue(context.Request.Path.Value ?? "");
            return next(context);
        });
        Map(_app);
        await _app.StartAsync();
        BaseUrl = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
