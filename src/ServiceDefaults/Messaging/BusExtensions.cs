using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaign.ServiceDefaults.Messaging;

public static class BusExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ (<c>ConnectionStrings:rabbitmq</c>, an amqp:// URI whose path is the virtual host). Queues are
    /// named for the service (<c>judging-media-checked</c>) so each service gets its own copy of
    /// an event; failures are retried with back-off, then moved to the queue's <c>_error</c> queue.
    /// </summary>
    public static IHostApplicationBuilder AddCampaignBus(
        this IHostApplicationBuilder builder, string service, Action<IBusRegistrationConfigurator> consumers)
    {
        var uri = new Uri(builder.Configuration.GetConnectionString("rabbitmq")
            ?? throw new InvalidOperationException("ConnectionStrings:rabbitmq is not configured"));
        var retries = builder.Configuration.GetValue("Messaging:RetryLimit", 5);

        // Start receiving before the service reports started; on shutdown give consumers a few
        // seconds, then cancel them: their messages are not acknowledged and are redelivered.
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.ConsumerStopTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("Messaging:ConsumerStopSeconds", 5));
            o.StopTimeout = TimeSpan.FromSeconds(20);
        });
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(service, false));
            consumers(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var credentials = Uri.UnescapeDataString(uri.UserInfo).Split(':', 2);
                var vhost = uri.AbsolutePath.Trim('/') is { Length: > 0 } v ? Uri.UnescapeDataString(v) : "/";
                rabbit.Host(uri.Host, (ushort)(uri.IsDefaultPort ? 5672 : uri.Port), vhost, h =>
                {
                    h.Username(credentials[0]);
                    h.Password(credentials.ElementAtOrDefault(1) ?? "");
                });
                rabbit.UseMessageRetry(r => r.Exponential(retries, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(400)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
