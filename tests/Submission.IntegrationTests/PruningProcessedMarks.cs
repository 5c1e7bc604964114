using Campaign.ServiceDefaults.EventStore;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.Submission.IntegrationTests;

public sealed class PruningProcessedMarks(SubmissionFixture service) : IClassFixture<SubmissionFixture>
{
    [Fact]
    public async Task Marks_older_than_the_horizon_are_forgotten_and_newer_ones_kept()
    {
        var store = service.Services.GetRequiredService<IDocumentStore>();
        var pruner = service.Services.GetRequiredService<ProcessedMessagePruner>();
        var (old, recent) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var session = store.LightweightSession())
        {
            session.Insert(new ProcessedMessage(old, "EntryPublished", DateTimeOffset.UtcNow - pruner.Horizon - TimeSpan.FromDays(1)));
            session.Insert(new ProcessedMessage(recent, "EntryPublished", DateTimeOffset.UtcNow - pruner.Horizon + TimeSpan.FromDays(1)));
            await session.SaveChangesAsync();
        }

        await pruner.PruneAsync(CancellationToken.None);

        await using var query = store.QuerySession();
        Assert.Null(await query.LoadAsync<ProcessedMessage>(old));
        Assert.NotNull(await query.LoadAsync<ProcessedMessage>(recent));
    }
}
