using Campaign.ServiceDefaults.Messaging;
using Campaign.TestSupport;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Campaign.ServiceDefaults.IntegrationTests;

/// <summary>
/// A batch that keeps losing the race for a stream's version is retried for the bus's whole budget, like any other
/// transient failure, on real RabbitMQ: giving up after its quick tries would park every fact of the batch.
/// </summary>
public sealed class RetryingABatch
{
    public sealed record Tick(int N);

    /// <summary>Loses every race for the first <see cref="LosingFor"/>, then records.</summary>
    public sealed class Races
    {
        public static readonly TimeSpan LosingFor = TimeSpan.FromSeconds(15);
        private DateTimeOffset? _first;
        public int Attempts;
        public readonly TaskCompletionSource<int> Recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Attempt(int facts)
        {
            Interlocked.Increment(ref Attempts);
            _first ??= DateTimeOffset.UtcNow;
            if (DateTimeOffset.UtcNow - _first < LosingFor) throw new JasperFx.ConcurrencyException("another batch moved the stream on", null!);
            Recorded.TrySetResult(facts);
        }
    }

    public sealed class TickRecorder(Races races) : IConsumer<Batch<Tick>>
    {
        public Task Consume(ConsumeContext<Batch<Tick>> context)
        {
            races.Attempt(context.Message.Length);
            return Task.CompletedTask;
        }
    }

    public sealed class TickRecorderDefinition : BatchRecorderDefinition<TickRecorder>;

    [Fact]
    public async Task Given_a_batch_that_loses_its_race_for_longer_than_its_quick_tries_When_the_budget_allows_more_Then_it_is_recorded_and_nothing_is_parked()
    {
        var servers = await TestServers.GetAsync();
        var rabbit = await servers.NewVirtualHostAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = rabbit.ToString();
        builder.Configuration["Messaging:RetryBudget"] = "00:01:00";
        builder.Configuration["Messaging:RetryMaxInterval"] = "00:00:05";
        var races = new Races();
        builder.Services.AddSingleton(races);
        builder.AddCampaignBus("retrying", bus => bus.AddConsumer<TickRecorder, TickRecorderDefinition>());
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            await host.Services.GetRequiredService<IPublishEndpoint>().Publish(new Tick(1));

            var recorded = await races.Recorded.Task.WaitAsync(TimeSpan.FromSeconds(50));
            Assert.Equal(1, recorded);
            Assert.True(races.Attempts > 3, $"{races.Attempts} attempts"); // it lost, and was tried again until it won
            Assert.Equal(0, await servers.MessagesInQueueAsync(rabbit, "retrying-tick-recorder_error"));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
