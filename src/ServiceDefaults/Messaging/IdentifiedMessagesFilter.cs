using MassTransit;

namespace Campaign.ServiceDefaults.Messaging;

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
