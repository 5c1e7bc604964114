using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.SubmittingEntry;
using Campaign.TestSupport;

namespace Campaign.Submission.IntegrationTests;

public sealed class RecordingOnTwoReplicas
{
    private const string Queue = "submission-lifecycle-recorder";

    [Fact]
    public async Task Given_two_replicas_consuming_side_by_side_When_facts_of_several_entries_arrive_at_once_and_some_twice_Then_every_history_holds_each_fact_once_in_order()
    {
        var first = new SubmissionFixture();
        await first.InitializeAsync();
        var second = first.Restarted();
        await second.InitializeAsync();
        try
        {
            Assert.Equal(2, await Eventually.GetAsync(async () => await ConsumersAsync(first) is 2 ? (object)2 : null, "both replicas consuming"));
            var client = first.ClientAs(Users.Organizer);
            var entries = new List<Guid>();
            for (var i = 0; i < 5; i++)
            {
                var worker = Users.NewWorkerOf("city-a");
                var created = await (await first.ClientAs(worker).PostAsJsonAsync("/entries", new SubmitEntryRequest("test-2026", "story", $"故事{i}", "city-a",
                    "individual", new Consent("c1-2026-01", true), "劳模故事：三十年如一日，守护炉火。"))).Content.ReadFromJsonAsync<Entry>();
                entries.Add(created!.Id);
            }

            var now = DateTimeOffset.UtcNow;
            var facts = new List<Func<Task>>();
            void Add<T>(T fact) where T : class
            {
                var messageId = Guid.NewGuid();
                facts.Add(() => first.Bus.PublishAsync(fact, messageId));
            }
            foreach (var (id, i) in entries.Select((id, i) => (id, i)))
            {
                Add(new MediaChecked(id, "test-2026", "story", Verdict.Passed, [], now, []));
                Add(new EntryReviewed(id, "test-2026", "story", true, null, "reviewer-1", now.AddMinutes(1)));
                for (var p = 0; p < 4; p++)
                    Add(new EntryPublished(id, "test-2026", "story", $"platform-{p}", $"https://example.org/{i}/{p}", "organizer", now.AddMinutes(2)));
                Add(new EntryJudged(id, "test-2026", "story", "city-a", [new JudgeScore("judge-1", 70 + i)], 70 + i, "mean", now.AddMinutes(3)));
                Add(new EngagementScored(id, "test-2026", "story", new Dictionary<string, long> { ["views"] = 1 }, 40 + i, "e1", now.AddMinutes(3.5)));
                Add(new EngagementScored(id, "test-2026", "story", new Dictionary<string, long> { ["views"] = 2 }, 50 + i, "e1", now.AddMinutes(4)));
            }
            Add(new AwardsAllocated(Guid.NewGuid(), "test-2026", "story", 0.7m, 0.3m, null, 0.4m,
                entries.Select((id, i) => new AwardResult(id, "city-a", null, 70 + i, 50 + i, 64 + i, 5 - i, i % 2 == 0 ? "gold" : null, i % 2 == 0 ? "金奖" : null, null)).ToList(),
                now.AddMinutes(5)));
            // Each fact once more under the same message id: a redelivery, possibly to the other replica.
            var deliveries = facts.Concat(facts.Where((_, i) => i % 3 == 0)).OrderBy(_ => Random.Shared.Next()).ToList();

            await Task.WhenAll(deliveries.Select(publish => publish()));

            // In the order things happened, by each fact's own time, whatever order the replicas recorded them in.
            string[] expected = ["ConsentGiven", "EntrySubmitted", "MediaChecked", "EntryReviewed", "EntryPublished", "EntryPublished", "EntryPublished",
                "EntryPublished", "EntryJudged", "EngagementScored", "EngagementScored", "AwardDecided"];
            foreach (var id in entries)
                await Eventually.GetAsync(async () => await TypesAsync(client, id) is { Length: >= 12 } t ? t : null, "every fact recorded", TimeSpan.FromSeconds(90));
            // Redeliveries may still be queued when the originals are in: let the queue drain, past the management API's lag.
            await Eventually.GetAsync(async () => await first.Servers.MessagesInQueueAsync(first.RabbitMq, Queue) == 0 ? "" : null, "the queue drained", TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(6));

            foreach (var (id, i) in entries.Select((id, i) => (id, i)))
            {
                Assert.Equal(expected, await TypesAsync(client, id));
                var entry = await client.GetFromJsonAsync<Entry>($"/entries/{id}");
                Assert.Equal((i % 2 == 0 ? EntryStatus.Awarded : EntryStatus.NotAwarded, (Verdict?)Verdict.Passed, 70m + i, 50m + i, 64m + i),
                    (entry!.Status, entry.MediaVerdict, entry.JudgesScore, entry.EngagementScore, entry.FinalScore));
            }
            Assert.Equal(0, await first.Servers.MessagesInQueueAsync(first.RabbitMq, $"{Queue}_error"));
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }

    private static async Task<string[]> TypesAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement[]>($"/entries/{id}/history"))!.Select(e => e.GetProperty("type").GetString()!).ToArray();

    private static async Task<int> ConsumersAsync(SubmissionFixture service)
    {
        using var http = new HttpClient { BaseAddress = service.Servers.Management };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(service.Servers.RabbitMq.UserInfo)));
        var queue = await http.GetFromJsonAsync<JsonElement>($"api/queues/{service.RabbitMq.AbsolutePath.Trim('/')}/{Queue}");
        return queue.TryGetProperty("consumers", out var consumers) ? consumers.GetInt32() : 0;
    }
}
