using MassTransit;

namespace Campaign.ServiceDefaults.Messaging;

/// <summary>
/// A consumer that records facts heard from other services (<c>IConsumer&lt;Batch&lt;T&gt;&gt;</c>) takes them in batches: up to
/// <see cref="MessageLimit"/> facts of a kind gathered for at most <see cref="TimeLimit"/>, <see cref="ConcurrencyLimit"/>
/// batches of a kind at once, each in one transaction (<see cref="EventStore.IdempotencyExtensions"/>).
/// One fact a transaction (four round trips and a commit each) left these queues thousands deep on deadline day
/// (docs/benchmarks.md). Two batches holding a fact of one stream race on its version; the loser is tried again soon,
/// in a fresh scope and session, on top of the bus's own retry, so a busy entry never pushes facts into the error queue.
/// </summary>
public abstract class BatchRecorderDefinition<TConsumer> : ConsumerDefinition<TConsumer> where TConsumer : class, IConsumer
{
    public const int MessageLimit = 100;
    public const int ConcurrencyLimit = 4;
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMilliseconds(50);

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        consumerConfigurator.Options<BatchOptions>(b => b.SetMessageLimit(MessageLimit).SetTimeLimit(TimeLimit).SetConcurrencyLimit(ConcurrencyLimit));
        endpointConfigurator.UseFilter(new IdentifiedMessagesFilter());
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Handle<JasperFx.ConcurrencyException>(); // a stream moved on since it was read
            r.Handle<Marten.Exceptions.ExistingStreamIdCollisionException>(); // two batches began the same stream
            r.Handle<JasperFx.DocumentAlreadyExistsException>(); // the same message, redelivered to both
            r.Handle<Exception>(IsDeadlock); // another transaction writing the same streams in another order (a batch writes in key order)
            r.Exponential(10, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(50));
        });
    }

    private static bool IsDeadlock(Exception e) =>
        e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected } || e.InnerException is { } inner && IsDeadlock(inner);
}

/// <summary>
/// A message without a message id can never be marked as processed: it is parked at once, on its own, before it joins a
/// batch (a batch succeeds or fails whole, and would park the good messages beside it).
/// </summary>
public sealed class IdentifiedMessagesFilter : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next) =>
        context.MessageId is null ? throw new PoisonMessageException("a fact without a message id cannot be recorded once") : next.Send(context);

    public void Probe(ProbeContext context) => context.CreateFilterScope("identifiedMessages");
}
