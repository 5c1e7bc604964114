using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Campaign.ServiceDefaults.Messaging;

/// <summary>Counts the service's parked messages every <c>Messaging:ParkedCountInterval</c> (half a minute by default) for the
/// <c>campaign.messages.parked</c> gauge, and warns when there are any.</summary>
public sealed class ParkedMessagesMonitor(ParkedMessages parked, IMeterFactory meters, IConfiguration configuration, ILogger<ParkedMessagesMonitor> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        parked.Observe(meters.Create(ParkedMessages.MeterName));
        using var timer = new PeriodicTimer(configuration.GetValue("Messaging:ParkedCountInterval", TimeSpan.FromSeconds(30)));
        do
        {
            try
            {
                foreach (var (queue, messages) in await parked.CountAsync(stoppingToken))
                    if (messages > 0) log.LogWarning("{Messages} message(s) parked in {Queue}_error; see docs/operations.md, \"Parked messages\"", messages, queue);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogDebug(e, "Could not count parked messages; trying again later");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
