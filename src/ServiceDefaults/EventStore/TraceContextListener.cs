using System.Diagnostics;
using Marten;

namespace Campaign.ServiceDefaults.EventStore;

/// <summary>Stamps appended events with the W3C trace context so the outbox can continue the trace.</summary>
public sealed class TraceContextListener : DocumentSessionListenerBase
{
    public const string Header = "traceparent";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (Activity.Current?.Id is { } traceParent) session.SetHeader(Header, traceParent);
        if (Activity.Current?.TraceId.ToString() is { } traceId) session.CorrelationId ??= traceId;
        return Task.CompletedTask;
    }
}
