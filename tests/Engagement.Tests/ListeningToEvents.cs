using Campaign.Contracts;
using MassTransit;

namespace Campaign.Engagement.Tests;

/// <summary>Publishers declare this service's queue from the catalogue (no event dropped for want of a queue): it must be the consumer's own.</summary>
public sealed class ListeningToEvents
{
    [Fact]
    public void The_catalogue_names_the_consumers_queue_and_exactly_the_events_it_takes()
    {
        var consumer = typeof(Campaign.Engagement.Entries.PublicationRecorder);
        Assert.Equal(Listeners.EngagementPublications.Name, new KebabCaseEndpointNameFormatter("engagement", false).Consumer<Campaign.Engagement.Entries.PublicationRecorder>());
        var taken = consumer.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(i => i.GetGenericArguments()[0].FullName).Order();
        Assert.Equal(Listeners.EngagementPublications.Events.Select(e => e.FullName).Order(), taken);
    }
}
