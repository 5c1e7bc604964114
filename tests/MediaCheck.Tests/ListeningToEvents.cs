using Campaign.Contracts;
using MassTransit;

namespace Campaign.MediaCheck.Tests;

/// <summary>Publishers declare this service's queue from the catalogue (no event dropped for want of a queue): it must be the consumer's own.</summary>
public sealed class ListeningToEvents
{
    [Fact]
    public void The_catalogue_names_the_consumers_queue_and_exactly_the_events_it_takes()
    {
        var consumer = typeof(Campaign.MediaCheck.Checks.EntrySubmittedConsumer);
        Assert.Equal(Listeners.MediaCheck.Name, new KebabCaseEndpointNameFormatter("mediacheck", false).Consumer<Campaign.MediaCheck.Checks.EntrySubmittedConsumer>());
        var taken = consumer.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0].FullName).Order();
        Assert.Equal(Listeners.MediaCheck.Events.Select(e => e.FullName).Order(), taken);
    }
}
