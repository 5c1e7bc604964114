using Campaign.Contracts;
using MassTransit;

namespace Campaign.ServiceDefaults.Messaging;

/// <summary>Whether a consumer is what <see cref="Listeners"/> says publishers should declare for it: its queue name and exactly its events.</summary>
public static class ListenerCheck
{
    /// <summary>What differs between the catalogue's <paramref name="queue"/> and <typeparamref name="TConsumer"/> of <paramref name="service"/>; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences<TConsumer>(Listeners.Queue queue, string service) where TConsumer : class, IConsumer
    {
        var differences = new List<string>();
        var name = new KebabCaseEndpointNameFormatter(service, false).Consumer<TConsumer>();
        if (name != queue.Name) differences.Add($"the consumer's queue is {name}, the catalogue says {queue.Name}");
        var taken = typeof(TConsumer).GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0])
            .Select(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Batch<>) ? t.GetGenericArguments()[0] : t).ToHashSet();
        differences.AddRange(taken.Except(queue.Events).Select(t => $"{t.Name} is consumed but not in the catalogue"));
        differences.AddRange(queue.Events.Except(taken).Select(t => $"{t.Name} is in the catalogue but not consumed"));
        return differences;
    }
}
