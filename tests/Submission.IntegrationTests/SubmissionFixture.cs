using Campaign.Contracts.Submission;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

public sealed class SubmissionFixture() : ServiceFactory<Program>("submission")
{
    protected override void Observe(BusProbe.Observer o) => o.Observe<EntrySubmitted>().Observe<EntryWithdrawn>().Observe<EntryDisqualified>().Observe<EntryMediaChanged>();
}
