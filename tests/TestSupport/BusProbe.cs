using System.Collections.Concurrent;
using MassTransit;

namespace Campaign.TestSupport;

/// <summary>A bus of the test's own on a service's virtual host: it publishes what the test sends and records what the service publishes.</summary>
public sealed class BusProbe : IAsyncDisposable
{
    private readonly IBusControl _bus;
    private readonly ConcurrentQueue<(Guid? MessageId, object Message)> _received;

    private BusProbe(IBusControl bus, ConcurrentQueue<(Guid?, object)> received)
    {
        _bus = bus;
        _received = received;
    }

    public static async Task<BusProbe> StartAsync(Uri rabbitMq, Action<Observer> observe)
    {
        var received = new ConcurrentQueue<(Guid?, object)>();
        var (host, port, vhost, user, password) = Campaign.ServiceDefaults.Messaging.AmqpAddress.Parse(rabbitMq);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(host, port, vhost, h =>
            {
                h.Username(user);
                h.Password(password);
            });
            cfg.ReceiveEndpoint($"probe-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Durable = false;
                observe(new Observer(e, received));
            });
        });
        await bus.StartAsync();
        return new BusProbe(bus, received);
    }

    /// <summary>Publishes under <paramref name="messageId"/>; null sends the message without one, as a foreign publisher might.</summary>
    public Task PublishAsync<T>(T message, Guid? messageId) where T : class =>
        _bus.Publish(message, c => c.MessageId = messageId);

    public IReadOnlyList<(Guid? MessageId, T Message)> Received<T>() =>
        _received.Where(r => r.Message is T).Select(r => (r.MessageId, (T)r.Message)).ToList();

    /// <summary>Waits for a published message that matches; fails the test after <paramref name="timeout"/>.</summary>
    public async Task<(Guid? MessageId, T Message)> WaitForAsync<T>(Func<T, bool> match, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < until)
        {
            if (Received<T>().FirstOrDefault(r => match(r.Message)) is { Message: not null } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no {typeof(T).Name} matching the test arrived within {timeout ?? TimeSpan.FromSeconds(30)}");
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync();

    public sealed class Observer(IRabbitMqReceiveEndpointConfigurator endpoint, ConcurrentQueue<(Guid?, object)> received)
    {
        public Observer Observe<T>() where T : class
        {
            endpoint.Handler<T>(context =>
            {
                received.Enqueue((context.MessageId, context.Message));
                return Task.CompletedTask;
            });
            return this;
        }
    }
}
