using Campaign.ServiceDefaults.Messaging;

namespace Campaign.Submission.Entries.RecordingLifecycle;

/// <summary>
/// Facts in batches (<see cref="BatchRecorderDefinition{TConsumer}"/>). No order is kept: facts come from several
/// services and replicas consume side by side, so the history is right as a set and the entry's status by rank
/// (<see cref="EntryLifecycle.Rank"/>).
/// </summary>
public sealed class LifecycleRecorderDefinition : BatchRecorderDefinition<LifecycleRecorder>;
