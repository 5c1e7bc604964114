using Campaign.ServiceDefaults.Messaging;
using MassTransit;

namespace Campaign.Awards.Allocation;

/// <summary>
/// Facts of one category all land in one stream; taking them one at a time avoids a storm of version conflicts.
/// A fact without a message id cannot be recorded once: it is parked at once rather than retried for the whole budget.
/// </summary>
public sealed class CategoryResultsRecorderDefinition : ConsumerDefinition<CategoryResultsRecorder>
{
    public CategoryResultsRecorderDefinition() => ConcurrentMessageLimit = 1;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<CategoryResultsRecorder> consumerConfigurator,
        IRegistrationContext context) => endpointConfigurator.UseFilter(new IdentifiedMessagesFilter());
}
