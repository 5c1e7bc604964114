using MassTransit;

namespace Campaign.Submission.Entries.RecordingLifecycle;

/// <summary>
/// One message at a time, so an entry's history keeps the order in which each service published
/// its decisions (the outbox publishes in commit order). Recording is one small append.
/// </summary>
public sealed class LifecycleRecorderDefinition : ConsumerDefinition<LifecycleRecorder>
{
    public LifecycleRecorderDefinition() => ConcurrentMessageLimit = 1;
}
