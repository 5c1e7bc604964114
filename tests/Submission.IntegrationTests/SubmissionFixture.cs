using Campaign.Contracts.Submission;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

public sealed class SubmissionFixture() : ServiceFactory<Program>("submission")
{
    public BusProbe Bus { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Bus = await BusProbe.StartAsync(RabbitMq, o => o.Observe<EntrySubmitted>().Observe<EntryWithdrawn>().Observe<EntryDisqualified>());
    }

    public override async ValueTask DisposeAsync()
    {
        if (Bus is not null) await Bus.DisposeAsync();
        await base.DisposeAsync();
    }
}
