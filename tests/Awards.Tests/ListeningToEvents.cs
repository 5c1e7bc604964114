using Campaign.Contracts;
using Campaign.ServiceDefaults.Messaging;

namespace Campaign.Awards.Tests;

public sealed class ListeningToEvents
{
    /// <summary>Publishers declare this service's queue from the catalogue (no event dropped for want of a queue): it must be the consumer's own.</summary>
    [Fact]
    public void The_catalogue_names_the_consumers_queue_and_exactly_the_events_it_takes() =>
        Assert.Empty(ListenerCheck.Differences<Campaign.Awards.Allocation.CategoryResultsRecorder>(Listeners.AwardsCategoryResults, "awards"));

    [Fact]
    public void The_catalogue_names_the_listings_queue_and_exactly_its_event() =>
        Assert.Empty(ListenerCheck.Differences<Campaign.Awards.Allocation.EntryListingRecorder>(Listeners.AwardsEntryListings, "awards"));
}
