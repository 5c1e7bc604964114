using MassTransit;

namespace Campaign.MediaCheck.Checks;

/// <summary>
/// Many entries at once: hearing of an entry never waits for a tool (checks that need one are queued
/// to <see cref="MediaCheckDueConsumer"/>), so this queue moves at the database's pace. Writes to one
/// entry still run one at a time (its lock).
/// </summary>
public sealed class EntrySubmittedConsumerDefinition : ConsumerDefinition<EntrySubmittedConsumer>
{
    public EntrySubmittedConsumerDefinition() => ConcurrentMessageLimit = 32;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<EntrySubmittedConsumer> consumer,
        IRegistrationContext context)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.PrefetchCount = 32;
    }
}
