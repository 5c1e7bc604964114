using Campaign.Contracts.Awards;
using Campaign.TestSupport;

namespace Campaign.Awards.UiTests;

/// <summary>The Awards service on a real socket with its own database and virtual host, and the machine's Chromium.</summary>
public sealed class AwardsUiFixture() : ServiceFactory<Program>("awards", kestrel: true)
{
    public Chromium Chromium { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Chromium = await Chromium.LaunchAsync();
    }

    protected override void Observe(BusProbe.Observer o) => o.Observe<AwardsAllocated>();

    public override async ValueTask DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        await base.DisposeAsync();
    }
}
