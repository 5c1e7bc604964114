using MassTransit;

namespace Campaign.TestSupport;

/// <summary>A fact under a message id of its own; published again, it is the same message redelivered.</summary>
public sealed record Delivery(Guid MessageId, string Label, Func<BusProbe, Task> Publish)
{
    // Typed, so that the bus routes it by its own contract, never as an object.
    public static Delivery Of<T>(T fact, string label) where T : class
    {
        var id = Guid.NewGuid();
        return new Delivery(id, label, bus => bus.PublishAsync(fact, id));
    }

    public override string ToString() => $"{Label} ({MessageId.ToString()[..8]})";
}

/// <summary>
/// Counts the deliveries a service's queue is done with — applied, skipped as a duplicate, or parked — so that a test
/// knows every delivery has been handled without waiting out <see cref="Eventually.QuietPeriod"/>. Connect it to the
/// service's bus (<c>IBus.ConnectReceiveObserver</c>).
/// </summary>
public sealed class Receipts(string queue) : IReceiveObserver
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Waits until <paramref name="deliveries"/> more than <paramref name="before"/> have been handled.</summary>
    public Task WaitForAsync(int before, int deliveries) =>
        Eventually.GetAsync(() => Task.FromResult(Count >= before + deliveries ? "" : null), $"{deliveries} deliveries to {queue} handled",
            TimeSpan.FromSeconds(60));

    public Task PostReceive(ReceiveContext context)
    {
        if (context.InputAddress.AbsolutePath.EndsWith($"/{queue}", StringComparison.Ordinal)) Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public Task ReceiveFault(ReceiveContext context, Exception exception) => PostReceive(context);
    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;
    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;
    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class => Task.CompletedTask;
}
