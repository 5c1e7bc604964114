using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Campaign.ServiceDefaults.Messaging;
using Campaign.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaign.ServiceDefaults.IntegrationTests;

/// <summary>
/// Issue 11, a real fault budget: transient failures are retried with growing delays for at least ten minutes, while a
/// message that can never be valid goes to the error queue at once, with its reason, under that same default budget.
/// </summary>
public sealed class ParkingAPoisonMessage
{
    public sealed record Order(string CampaignId);

    public sealed class Attempts
    {
        public int Count;
    }

    public sealed class OrderRecorder(Attempts attempts) : IConsumer<Order>
    {
        public Task Consume(ConsumeContext<Order> context)
        {
            Interlocked.Increment(ref attempts.Count);
            throw new PoisonMessageException($"unknown campaign '{context.Message.CampaignId}'");
        }
    }

    [Fact]
    public void The_default_budget_retries_with_growing_delays_for_ten_minutes_and_within_the_brokers_consumer_timeout()
    {
        var intervals = BusExtensions.RetryIntervals(BusExtensions.DefaultRetryBudget, BusExtensions.DefaultRetryMaxInterval);

        var total = intervals.Aggregate(TimeSpan.Zero, (sum, i) => sum + i);
        Assert.InRange(total, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30) - BusExtensions.DefaultRetryMaxInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(200), intervals[0]);
        Assert.All(intervals.Zip(intervals.Skip(1)), pair => Assert.True(pair.Second >= pair.First, $"{pair.First} then {pair.Second}"));
        Assert.Equal(BusExtensions.DefaultRetryMaxInterval, intervals.Max());
    }

    [Fact]
    public async Task Given_the_default_budget_When_a_message_can_never_be_valid_Then_it_is_parked_after_one_attempt_with_its_reason()
    {
        var servers = await TestServers.GetAsync();
        var rabbit = await servers.NewVirtualHostAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = rabbit.ToString();
        var attempts = new Attempts();
        builder.Services.AddSingleton(attempts);
        builder.AddCampaignBus("parking", bus => bus.AddConsumer<OrderRecorder>());
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await host.Services.GetRequiredService<IPublishEndpoint>().Publish(new Order("no-such-campaign"));

            // Within a minute, where the default budget would keep a transient failure for twelve.
            var reason = await Eventually.GetAsync(() => FaultOfFirstMessageAsync(servers, rabbit, "parking-order-recorder_error"),
                "the message in the error queue", TimeSpan.FromSeconds(60));
            Assert.Equal(1, attempts.Count);
            Assert.Contains("unknown campaign 'no-such-campaign'", reason);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>The reason MassTransit gave the first message of a queue (its MT-Fault-Message header), read through the management API and put back.</summary>
    private static async Task<string?> FaultOfFirstMessageAsync(TestServers servers, Uri virtualHost, string queue)
    {
        using var http = new HttpClient { BaseAddress = servers.Management };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(servers.RabbitMq.UserInfo)));
        var response = await http.PostAsJsonAsync($"api/queues/{virtualHost.AbsolutePath.Trim('/')}/{queue}/get",
            new { count = 1, ackmode = "ack_requeue_true", encoding = "auto" });
        if (!response.IsSuccessStatusCode) return null;
        var messages = await response.Content.ReadFromJsonAsync<JsonElement>();
        return messages.GetArrayLength() > 0 && messages[0].GetProperty("properties").GetProperty("headers").TryGetProperty("MT-Fault-Message", out var reason)
            ? reason.GetString()
            : null;
    }
}
