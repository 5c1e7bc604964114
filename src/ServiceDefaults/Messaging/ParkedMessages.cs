using System.Diagnostics.Metrics;
using Campaign.Contracts;
using Microsoft.Extensions.Configuration;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Campaign.ServiceDefaults.Messaging;

/// <summary>
/// Messages a service's consumers gave up on, in their queues' <c>_error</c> queues: counted for
/// operators (the <c>campaign.messages.parked</c> gauge, <c>GET /operations/parked</c>) and sent
/// back to their queue once the cause is fixed (<c>POST /operations/parked/{queue}/redelivery</c>).
/// Moving is at least once — each message is acknowledged in the error queue only after the broker
/// confirmed it back in its queue — and consumers are idempotent on the message id.
/// </summary>
public sealed class ParkedMessages(IConfiguration configuration, string service) : IAsyncDisposable
{
    public const string MeterName = "Campaign.Messaging";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, long> _lastCounts = [];
    private IConnection? _connection;

    public sealed record Parked(string Queue, long Messages);

    /// <summary>The service's queues: those of <see cref="Listeners"/> named for it.</summary>
    public IReadOnlyList<string> Queues { get; } =
        Listeners.All.Select(q => q.Name).Where(n => n.StartsWith(service + "-", StringComparison.Ordinal)).ToList();

    public void Observe(Meter meter) =>
        meter.CreateObservableGauge("campaign.messages.parked", () =>
        {
            lock (_lastCounts) return _lastCounts.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("queue", c.Key))).ToList();
        }, unit: "{message}", description: "Messages in the service's error queues, waiting for an operator.");

    public async Task<IReadOnlyList<Parked>> CountAsync(CancellationToken ct)
    {
        var counts = new List<Parked>();
        foreach (var queue in Queues)
        {
            await using var channel = await ChannelAsync(ct);
            long count;
            try
            {
                count = (await channel.QueueDeclarePassiveAsync(queue + "_error", ct)).MessageCount;
            }
            catch (OperationInterruptedException)
            {
                count = 0; // nothing was ever parked: the error queue does not exist yet
            }
            counts.Add(new Parked(queue, count));
        }
        lock (_lastCounts) foreach (var c in counts) _lastCounts[c.Queue] = c.Messages;
        return counts;
    }

    /// <summary>Moves every message of <c>{queue}_error</c> back to <paramref name="queue"/>; returns how many.</summary>
    public async Task<int> RedeliverAsync(string queue, CancellationToken ct)
    {
        await using var channel = await ChannelAsync(ct);
        var moved = 0;
        while (await channel.BasicGetAsync(queue + "_error", autoAck: false, ct) is { } message)
        {
            // The queue's own exchange (MassTransit binds it to the queue) takes it back; a confirmed publish, then the ack.
            await channel.BasicPublishAsync(queue, "", mandatory: true, new BasicProperties(message.BasicProperties), message.Body, ct);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
            moved++;
        }
        return moved;
    }

    private async Task<IChannel> ChannelAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_connection is not { IsOpen: true })
            {
                var (host, port, vhost, user, password) = AmqpAddress.Parse(new Uri(configuration.GetConnectionString("rabbitmq")!));
                var factory = new ConnectionFactory { HostName = host, Port = port, VirtualHost = vhost, UserName = user, Password = password };
                _connection = await factory.CreateConnectionAsync("parked-messages", ct);
            }
            return await _connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
