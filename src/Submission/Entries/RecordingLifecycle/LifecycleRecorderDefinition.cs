using MassTransit;

namespace Campaign.Submission.Entries.RecordingLifecycle;

/// <summary>
/// One message at a time per replica, which spares most version races on one entry. It does not
/// keep an order: facts come from several services, and replicas consume side by side, so the
/// history is right as a set and the entry's status by rank (<see cref="EntryLifecycle.Rank"/>).
/// </summary>
public sealed class LifecycleRecorderDefinition : ConsumerDefinition<LifecycleRecorder>
{
    public LifecycleRecorderDefinition() => ConcurrentMessageLimit = 1;

    // The loser of a race between replicas is tried again soon, in a fresh scope and session, on
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
