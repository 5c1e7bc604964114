using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Campaign.ServiceDefaults.EventStore;

/// <summary>
/// Forgets processed-message marks older than <c>EventStore:ProcessedMessageHorizon</c> (30 days by
/// default), once an hour. The horizon must outlast any redelivery of a message already applied —
/// the retry budget is minutes, a parked message was never applied — so a mark is kept far longer
/// than a duplicate can arrive.
/// </summary>
public sealed class ProcessedMessagePruner(IDocumentStore store, IConfiguration configuration, TimeProvider clock, ILogger<ProcessedMessagePruner> log)
    : BackgroundService
{
    public TimeSpan Horizon { get; } = configuration.GetValue("EventStore:ProcessedMessageHorizon", TimeSpan.FromDays(30));

    /// <summary>Deletes the marks older than the horizon.</summary>
    public async Task PruneAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - Horizon;
        await using var session = store.LightweightSession();
        session.DeleteWhere<ProcessedMessage>(m => m.ProcessedAt < cutoff);
        await session.SaveChangesAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Pruning processed-message marks failed; trying again in an hour");
            }
        }
    }
}
