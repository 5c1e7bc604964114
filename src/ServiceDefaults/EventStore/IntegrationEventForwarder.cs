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
/// publishes each with the event id as message id and records progress only after the page, so
/// delivery is at least once and consumers de-duplicate on the message id.
/// </summary>
public sealed class IntegrationEventForwarder(IBus bus) : SubscriptionBase
{
    public const string ActivitySourceName = "Campaign.Outbox";
    private static readonly ActivitySource Source = new(ActivitySourceName);

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken ct)
    {
        foreach (var @event in page.Events)
        {
            // Continue the trace of the request that appended the event (TracedSessionFactory).
            ActivityContext.TryParse(@event.GetHeader(TracedSessionFactory.TraceParentHeader)?.ToString(), null, out var parent);
            using var activity = Source.StartActivity($"forward {@event.EventTypeName}", ActivityKind.Producer, parent);
            await bus.Publish(@event.Data, @event.EventType, context => context.MessageId = @event.Id, ct);
        }
        return NullChangeListener.Instance;
    }
}
