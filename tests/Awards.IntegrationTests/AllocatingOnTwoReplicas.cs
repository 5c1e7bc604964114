using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.TestSupport;

namespace Campaign.Awards.IntegrationTests;

/// <summary>Two replicas of Awards consume the same queue side by side: each category is allocated once, and the allocation verifies.</summary>
public sealed class AllocatingOnTwoReplicas
{
    [Fact]
    public async Task Two_replicas_given_every_fact_twice_in_random_order_allocate_each_category_once()
    {
        var first = new AwardsFixture { DaemonMode = "HotCold" };
        await first.InitializeAsync();
        var second = first.Restarted();
        await second.InitializeAsync();
        try
        {
            var now = DateTimeOffset.UtcNow;
            var messages = new List<(object Message, Guid Id)>();
            foreach (var category in new[] { "story", "clip" })
            {
                var entries = Enumerable.Range(0, 8).Select(i => (Id: Guid.CreateVersion7(), Org: (string[])["city-a", "city-b", "city-c", "rail"])).ToList();
                var ids = entries.Select(e => e.Id).ToList();
                messages.Add((new JudgingClosed("test-2026", category, ids, "o", now), Guid.NewGuid()));
                messages.Add((new EngagementClosed("test-2026", category, ids, "o", now), Guid.NewGuid()));
                messages.AddRange(entries.Select((e, i) => ((object)new EntryJudged(e.Id, "test-2026", category, e.Org[i % 4], [], 60 + i, "mean", now), Guid.NewGuid())));
                messages.AddRange(entries.Select((e, i) => ((object)new EngagementScored(e.Id, "test-2026", category, new Dictionary<string, long>(), 10 * i, "v", now), Guid.NewGuid())));
            }
            // Every fact delivered twice (the same message id), in random order, to whichever replica takes it.
            foreach (var (message, id) in messages.Concat(messages).OrderBy(_ => Random.Shared.Next()))
                await first.Bus.PublishAsync((dynamic)message, id);

            foreach (var category in new[] { "story", "clip" })
                await first.Bus.WaitForAsync<AwardsAllocated>(a => a.CategoryId == category, TimeSpan.FromSeconds(90));
            await Eventually.NeverAsync(() => first.Bus.Received<AwardsAllocated>().DistinctBy(a => a.Message.AllocationId).Count() > 2,
                "a second allocation of a category");
            foreach (var category in new[] { "story", "clip" })
            {
                var verification = await first.ClientAs(Users.Operator).GetFromJsonAsync<JsonElement>($"/results/test-2026/{category}/verification");
                Assert.True(verification.GetProperty("identical").GetBoolean(), category);
            }
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }
}
