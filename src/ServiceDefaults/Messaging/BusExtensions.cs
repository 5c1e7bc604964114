using Campaign.Contracts;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaign.ServiceDefaults.Messaging;

public static class BusExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ (<c>ConnectionStrings:rabbitmq</c>, an amqp:// URI whose path is the virtual host). Queues are
    /// named for the service and consumer (<c>judging-entry-facts-recorder</c>, see <see cref="Listeners"/>) so each service
    /// gets its own copy of an event. A failure is retried with growing delays for <c>Messaging:RetryBudget</c> (12 minutes
    /// by default: longer than an ordinary database or broker outage, shorter than RabbitMQ's 30-minute consumer timeout),
    /// then moved to the queue's <c>_error</c> queue; a <see cref="PoisonMessageException"/> goes there at once.
    /// </summary>
    public static IHostApplicationBuilder AddCampaignBus(
        this IHostApplicationBuilder builder, string service, Action<IBusRegistrationConfigurator> consumers)
    {
        var uri = new Uri(builder.Configuration.GetConnectionString("rabbitmq")
            ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not configured"));
        var retries = RetryIntervals(
            builder.Configuration.GetValue("Messaging:RetryBudget", DefaultRetryBudget),
            builder.Configuration.GetValue("Messaging:RetryMaxInterval", DefaultRetryMaxInterval));
        var quorum = builder.Configuration.GetValue("Messaging:QueueType", "classic") == "quorum";

        // Start receiving before the service reports started; on shutdown give consumers a few
        // seconds, then cancel them: their messages are not acknowledged and are redelivered.
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.ConsumerStopTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Messaging:ConsumerStopSeconds", 5));
            o.StopTimeout = TimeSpan.FromSeconds(20);
        });
        builder.Services.AddSingleton(new RetrySchedule(retries));
        builder.Services.AddSingleton(sp => new ParkedMessages(sp.GetRequiredService<IConfiguration>(), service));
        builder.Services.AddHostedService<ParkedMessagesMonitor>();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service, false));
            // Every consumer records a fact once by its message id (EventStore.IdempotencyExtensions): a message without one is
            // parked at once, on every endpoint, rather than retried for the whole budget.
            bus.AddConfigureEndpointsCallback((_, endpoint) => endpoint.UseFilter(new IdentifiedMessagesFilter()));
            // Quorum queues (Messaging:QueueType=quorum) for a RabbitMQ cluster: replicated, and they count redeliveries.
            if (quorum) bus.AddConfigureEndpointsCallback((_, endpoint) => (endpoint as IRabbitMqReceiveEndpointConfigurator)?.SetQuorumQueue());
            consumers(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var (host, port, vhost, user, password) = AmqpAddress.Parse(uri);
                rabbit.Host(host, port, vhost, h =>
                {
                    h.Username(user);
                    h.Password(password);
                });
                rabbit.UseMessageRetry(r =>
                {
                    r.Ignore<PoisonMessageException>();
                    r.Intervals(retries);
                });
                DeclareListeners(rabbit, quorum);
                rabbit.DeployPublishTopology = true;
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    /// <summary>Longer than an ordinary database or broker outage, shorter than RabbitMQ's 30-minute consumer timeout.</summary>
    public static readonly TimeSpan DefaultRetryBudget = TimeSpan.FromMinutes(12), DefaultRetryMaxInterval = TimeSpan.FromMinutes(1);

    /// <summary>Growing delays (200 ms, doubling, capped at <paramref name="maxInterval"/>) until they add up to <paramref name="budget"/>.</summary>
    public static TimeSpan[] RetryIntervals(TimeSpan budget, TimeSpan maxInterval)
    {
        var intervals = new List<TimeSpan>();
        var next = TimeSpan.FromMilliseconds(200);
        for (var total = TimeSpan.Zero; total < budget; total += next, next = next * 2 < maxInterval ? next * 2 : maxInterval)
            intervals.Add(next);
        return [.. intervals];
    }

    /// <summary>
    /// No event dropped for want of a queue: before this service first publishes an event, the broker gets the queues of
    /// every service that listens to it (<see cref="Listeners"/>) with the same exchange-to-queue bindings the consumer
    /// declares itself, so it waits there until that consumer first starts.
    /// </summary>
    private static void DeclareListeners(IRabbitMqBusFactoryConfigurator rabbit, bool quorum)
    {
        var declare = typeof(BusExtensions).GetMethod(nameof(DeclareListenersOf), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        foreach (var type in Listeners.All.SelectMany(q => q.Events).Distinct())
            declare.MakeGenericMethod(type).Invoke(null, [rabbit, quorum]);
    }

    private static void DeclareListenersOf<T>(IRabbitMqBusFactoryConfigurator rabbit, bool quorum) where T : class =>
        rabbit.Publish<T>(p =>
        {
            // The queue bound straight to the event's exchange (MassTransit's name for it: namespace:type). The consumer binds
            // the same queue through its own exchange too; the broker still delivers one copy per queue.
            foreach (var queue in Listeners.Of(typeof(T)))
                p.BindQueue($"{typeof(T).Namespace}:{typeof(T).Name}", queue, q =>
                {
                    if (quorum) q.SetQueueArgument("x-queue-type", "quorum");
                });
        });
}

/// <summary>The bus's retry delays (<see cref="BusExtensions.AddCampaignBus"/>), for an endpoint with a retry policy of its own: that
/// policy must take the whole budget, since MassTransit does not retry again outside a policy that has given up.</summary>
public sealed record RetrySchedule(TimeSpan[] Intervals);
