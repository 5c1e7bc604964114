using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;

namespace Campaign.ServiceDefaults.EventStore;

/// <summary>
/// The outbox (DESIGN.md): the async daemon hands this subscription committed events in order; it
/// publishes each with the event id as message id and records progress only after the whole page
/// is confirmed by the broker, so delivery is at least once and consumers de-duplicate on the
/// message id. A page's streams are published side by side, each stream's events in their order:
/// one confirm after another, the broker's round trip capped the outbox at tens of events a second,
/// and on deadline day that queue was the wait (docs/benchmarks.md). Consumers never rely on the
/// order events arrive in (DESIGN.md); keeping one stream's order still spares them needless races.
/// </summary>
public sealed class IntegrationEventForwarder(IBus bus) : SubscriptionBase
{
    public const string ActivitySourceName = "Campaign.Outbox";
    private static readonly ActivitySource Source = new(ActivitySourceName);

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken ct)
    {
        await Task.WhenAll(page.Events.GroupBy(e => e.StreamId).Select(async stream =>
        {
            foreach (var @event in stream) await ForwardAsync(@event, ct);
        }));
        return NullChangeListener.Instance;
    }

    private async Task ForwardAsync(IEvent @event, CancellationToken ct)
    {
        // Continue the trace of the request that appended the event (TracedSessionFactory).
        ActivityContext.TryParse(@event.GetHeader(TracedSessionFactory.TraceParentHeader)?.ToString(), null, out var parent);
        using var activity = Source.StartActivity($"forward {@event.EventTypeName}", ActivityKind.Producer, parent);
        await bus.Publish(@event.Data, @event.EventType, context => context.MessageId = @event.Id, ct);
    }
}
