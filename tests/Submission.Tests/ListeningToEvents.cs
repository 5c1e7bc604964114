using Campaign.Contracts;
using Campaign.ServiceDefaults.Messaging;

namespace Campaign.Submission.Tests;

public sealed class ListeningToEvents
{
    /// <summary>Publishers declare this service's queue from the catalogue (no event dropped for want of a queue): it must be the consumer's own.</summary>
    [Fact]
    public void The_catalogue_names_the_consumers_queue_and_exactly_the_events_it_takes() =>
        Assert.Empty(ListenerCheck.Differences<Campaign.Submission.Entries.RecordingLifecycle.LifecycleRecorder>(Listeners.SubmissionLifecycle, "submission"));
}
