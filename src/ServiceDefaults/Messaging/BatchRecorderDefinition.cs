using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.ServiceDefaults.Messaging;

/// <summary>
/// A consumer that records facts heard from other services (<c>IConsumer&lt;Batch&lt;T&gt;&gt;</c>) takes them in batches: up to
/// <see cref="MessageLimit"/> facts of a kind gathered for at most <see cref="TimeLimit"/>, <see cref="ConcurrencyLimit"/>
/// batches of a kind at once, each in one transaction (<see cref="EventStore.IdempotencyExtensions"/>).
/// One fact a transaction (four round trips and a commit each) left these queues thousands deep on deadline day
/// (docs/benchmarks.md). Two batches holding a fact of one stream race on its version; the loser is tried again soon,
/// in a fresh scope and session, and then, like any transient failure, with the bus's growing delays for its whole budget.
/// One policy does both: MassTransit does not retry outside a policy that has given up, so quick tries nested inside the
/// bus's retry would park the whole batch when they ran out.
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
        var schedule = context.GetRequiredService<RetrySchedule>();
        endpointConfigurator.UseMessageRetry(r =>
        {
            // A lost race on a stream's version, two batches beginning the same stream, the same message redelivered to both,
            // a deadlock with a writer taking the streams in another order: each settles on a quick retry. Then the bus's delays.
            r.Ignore<PoisonMessageException>();
            r.Intervals([.. QuickTries, .. schedule.Intervals]);
        });
    }

    private static readonly TimeSpan[] QuickTries = [TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100)];
}
