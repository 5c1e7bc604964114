using MassTransit;

namespace Campaign.Submission.Entries.RecordingLifecycle;

/// <summary>
/// Many messages at once: facts of different entries never race, and two facts of one entry in
/// flight together race on its stream's version, the loser tried again below. One at a time (as
/// it was) recorded about twenty facts a second, and on deadline day entries' histories fell minutes
/// behind (docs/benchmarks.md). No order is kept either way: facts come from several services and
/// replicas consume side by side, so the history is right as a set and the entry's status by rank
/// (<see cref="EntryLifecycle.Rank"/>).
/// </summary>
public sealed class LifecycleRecorderDefinition : ConsumerDefinition<LifecycleRecorder>
{
    public LifecycleRecorderDefinition() => ConcurrentMessageLimit = 16;

    // The loser of a race (between messages or replicas) is tried again soon, in a fresh scope and session, on
    // top of the bus's own retry: a busy entry must not push a fact into the error queue.
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<LifecycleRecorder> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<JasperFx.ConcurrencyException>(); // the stream moved on since it was read
            r.Handle<JasperFx.DocumentAlreadyExistsException>(); // the same message, redelivered to both
            r.Exponential(10, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(50));
        });
}
