using System.Diagnostics;
using Marten;

namespace Campaign.ServiceDefaults.EventStore;

/// <summary>
/// Lightweight sessions that stamp the events they append with the W3C trace context of the
/// request or message that opened them, so the outbox can continue that trace on the bus.
/// </summary>
public sealed class TracedSessionFactory(IDocumentStore store) : ISessionFactory
{
    public const string TraceParentHeader = "traceparent";

    public IQuerySession QuerySession() => store.QuerySession();

    public IDocumentSession OpenSession()
    {
        var session = store.LightweightSession();
        if (Activity.Current is { Id: { } traceParent } activity)
        {
            session.SetHeader(TraceParentHeader, traceParent);
            session.CorrelationId = activity.TraceId.ToString();
        }
        return session;
    }
}
