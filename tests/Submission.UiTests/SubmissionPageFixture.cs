using Campaign.TestSupport;

namespace Campaign.Submission.UiTests;

/// <summary>The Submission service on a real socket, serving its reference page to the machine's Chromium.</summary>
public sealed class SubmissionPageFixture() : ServiceFactory<Program>("submission", kestrel: true)
{
    public Chromium Chromium { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Chromium = await Chromium.LaunchAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
        await base.DisposeAsync();
    }
}
