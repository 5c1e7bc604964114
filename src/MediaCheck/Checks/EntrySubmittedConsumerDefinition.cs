using MassTransit;

namespace Campaign.MediaCheck.Checks;

/// <summary>
/// Many entries at once: the tools are bounded by <see cref="MediaChecker"/>'s gate, not here. With the
/// bus's default (two per core) a few videos waiting for a tool slot held every place, and the stories
/// queued behind them needed no tool at all. Checks of one entry still run one at a time (its lock).
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
