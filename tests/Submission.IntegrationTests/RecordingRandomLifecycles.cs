using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.DisqualifyingEntry;
using Campaign.Submission.Entries.SubmittingEntry;
using Campaign.TestSupport;
using CsCheck;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.Submission.IntegrationTests;

/// <summary>
/// What SettlingFactsInAnyOrder proves of the fold, through the real recorder: random lifecycles of several entries,
/// their facts published on the bus in a random order and some twice under one message id, while submitters withdraw
/// and organizers disqualify through the API. The processed marks and the batches are under test here, not only Apply.
/// </summary>
public sealed class RecordingRandomLifecycles(SubmissionFixture service) : IClassFixture<SubmissionFixture>
{
    private const string Queue = "submission-lifecycle-recorder";
    private const string CampaignId = "test-2026";
    private const string CategoryId = "story";

    /// <summary>
    /// One entry's lifecycle as the other services decide it, each stage only where the one before allows it (as in
    /// SettlingFactsInAnyOrder); <see cref="Ending"/> 1: its submitter withdraws it, 2: an organizer disqualifies it,
    /// when <see cref="EndingAt"/> per cent of the deliveries are out.
    /// </summary>
    public sealed record Plan(Verdict[] Checks, int Review, int Publications, bool Judged, int Scorings, int Award, int Ending, int EndingAt)
    {
        public override string ToString() =>
            $"checks=[{string.Join(',', Checks)}] review={Review} publications={Publications} judged={Judged} scorings={Scorings} award={Award} ending={Ending}@{EndingAt}%";
    }

    /// <summary>Several entries at once, their facts in the order <see cref="Shuffle"/> seeds, those at <see cref="Twice"/> delivered again.</summary>
    public sealed record Scenario(Plan[] Plans, bool Reallocated, int Shuffle, int[] Twice)
    {
        public override string ToString() =>
            $"reallocated={Reallocated} shuffle={Shuffle} twice=[{string.Join(',', Twice)}]; {string.Join("; ", Plans.Select((p, i) => $"entry {i}: {p}"))}";
    }

    private static readonly Gen<Plan> Plans =
        from checks in Gen.Enum<Verdict>().Array[0, 2]
        from review in Gen.Frequency((1, 0), (3, 1), (1, 2)) // 0 none, 1 approved, 2 rejected
        from publications in Gen.Int[0, 3]
        from judged in Gen.Bool
        from scorings in Gen.Int[0, 2]
        from award in Gen.Int[0, 2] // 0 none, 1 won, 2 not won
        from ending in Gen.Frequency((2, 0), (1, 1), (1, 2))
        from endingAt in Gen.Int[0, 100]
        let approved = review == 1
        select new Plan(checks, review, approved ? publications : 0, approved && judged, approved && publications > 0 ? scorings : 0,
            approved && judged ? award : 0, ending, endingAt);

    // Q3: three stories an iteration stay within city-a's quota of 40 over the iterations.
    private static readonly Gen<Scenario> Scenarios =
        from plans in Plans.Array[3]
        from reallocated in Gen.Bool
        from shuffle in Gen.Int
        from twice in Gen.Int[0, 99].Array[0, 10]
        select new Scenario(plans, reallocated, shuffle, twice);

    /// <summary>What an entry's history holds of a fact from another service: its own time, read back from the history.</summary>
    private static readonly Dictionary<string, string> OwnTime = new()
    {
        [nameof(MediaChecked)] = "checkedAt", [nameof(EntryReviewed)] = "reviewedAt", [nameof(EntryPublished)] = "publishedAt",
        [nameof(EntryJudged)] = "judgedAt", [nameof(EngagementScored)] = "scoredAt", [nameof(AwardDecided)] = "decidedAt",
    };

    [Fact]
    public async Task Random_lifecycles_heard_in_any_order_and_some_twice_leave_each_fact_once_in_order_and_each_entry_where_its_facts_say()
    {
        var receipts = new Receipts(Queue);
        using var observing = service.Services.GetRequiredService<IBus>().ConnectReceiveObserver(receipts);

        await Scenarios.SampleAsync(scenario => RunAsync(scenario, receipts), iter: 12, threads: 1);

        Assert.Equal(0, await service.Servers.MessagesInQueueAsync(service.RabbitMq, $"{Queue}_error"));
    }

    private async Task RunAsync(Scenario scenario, Receipts receipts)
    {
        var organizer = service.ClientAs(Users.Organizer);
        // Facts from other services happen after the entry's own events (consent, submission, its ending): the history's order is known.
        var t0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddDays(1);
        var entries = new List<(Entry Submitted, HttpClient Submitter)>();
        foreach (var _ in scenario.Plans)
        {
            var submitter = service.ClientAs(Users.NewWorkerOf("city-a"));
            var response = await submitter.PostAsJsonAsync("/entries", new SubmitEntryRequest(CampaignId, CategoryId, "炉火映初心", "city-a", "individual",
                new Consent("c1-2026-01", true), "劳模故事：三十年如一日，守护炉火。"));
            entries.Add(((await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Entry>())!, submitter));
        }

        var (messages, heard) = Lifecycles(scenario, entries.Select(e => e.Submitted.Id).ToArray(), t0);
        var deliveries = messages.Concat(messages.Count == 0 ? [] : scenario.Twice.Select(i => messages[i % messages.Count])).ToArray();
        new Random(scenario.Shuffle).Shuffle(deliveries);
        var endings = scenario.Plans.Select((plan, i) => (plan, i)).Where(p => p.plan.Ending > 0)
            .ToLookup(p => p.plan.EndingAt * deliveries.Length / 100, p => p.i);

        var log = new List<string>();
        var ends = new object?[entries.Count];
        var observed = entries.Select(_ => new List<EntryStatus>()).ToArray();
        var handled = receipts.Count;
        using var stop = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                for (var i = 0; i < entries.Count; i++)
                    observed[i].Add((await organizer.GetFromJsonAsync<Entry>($"/entries/{entries[i].Submitted.Id}"))!.Status);
        });
        try
        {
            try
            {
                for (var step = 0; step <= deliveries.Length; step++)
                {
                    foreach (var i in endings[step])
                    {
                        log.Add($"entry {i} {(scenario.Plans[i].Ending == 1 ? "withdrawal" : "disqualification")} through the API");
                        ends[i] = await EndAsync(scenario.Plans[i].Ending, entries[i].Submitted, entries[i].Submitter, organizer);
                        if (ends[i] is null) log[^1] += ": refused (C1)";
                    }
                    if (step == deliveries.Length) break;
                    log.Add(deliveries[step].ToString());
                    await deliveries[step].Publish(service.Bus);
                }
                await receipts.WaitForAsync(handled, deliveries.Length);
            }
            finally
            {
                await stop.CancelAsync();
                await watching;
            }

            for (var i = 0; i < entries.Count; i++)
            {
                var (submitted, _) = entries[i];
                var facts = heard[submitted.Id].OrderBy(f => f.At).ToList();
                string[] own = ends[i] is { } end ? ["ConsentGiven", "EntrySubmitted", end.GetType().Name] : ["ConsentGiven", "EntrySubmitted"];
                var expected = own.Concat(facts.Select(f => $"{f.Fact.GetType().Name}+{(f.At - t0).TotalMinutes}m")).ToArray();
                var history = await Eventually.GetAsync(async () =>
                    await HistoryAsync(organizer, submitted.Id, t0) is { } h && h.Length >= expected.Length ? h : null, $"entry {i}'s facts recorded");
                Assert.Equal(expected, history);

                var entry = (await organizer.GetFromJsonAsync<Entry>($"/entries/{submitted.Id}"))!;
                var inOrder = Fold(submitted, (ends[i] is { } e ? [e] : Array.Empty<object>()).Concat(facts.Select(f => f.Fact)));
                Assert.Equal(Settled(inOrder), Settled(entry));

                Assert.True(!entry.IsClosed || entry.Award is null, $"entry {i} is {entry.Status} and shows the award {entry.Award}");
                var statuses = observed[i].Append(entry.Status).ToList();
                Assert.True(statuses.Zip(statuses.Skip(1)).All(s => s.Second.Rank() >= s.First.Rank()),
                    $"entry {i}'s status moved back: {string.Join(" → ", statuses.Distinct())}");
                Assert.True(statuses.SkipWhile(s => s is not (EntryStatus.Withdrawn or EntryStatus.Disqualified)).All(s => s is EntryStatus.Withdrawn or EntryStatus.Disqualified),
                    $"entry {i} came back after it was closed: {string.Join(" → ", statuses.Distinct())}");
            }
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}{Environment.NewLine}delivered, in this order:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", log)}");
        }
    }

    /// <summary>
    /// The messages of the other services, one for each fact (the allocations one per category), each fact of an entry a
    /// minute after the one before it and the allocations after them all; and what each entry's stream is to hold of them.
    /// </summary>
    private static (List<Delivery> Messages, Dictionary<Guid, List<(DateTimeOffset At, object Fact)>> Heard) Lifecycles(Scenario scenario, Guid[] ids, DateTimeOffset t0)
    {
        var messages = new List<Delivery>();
        var heard = ids.ToDictionary(id => id, _ => new List<(DateTimeOffset, object)>());
        var results = new List<AwardResult>();
        foreach (var (plan, i) in scenario.Plans.Select((plan, i) => (plan, i)))
        {
            var id = ids[i];
            var at = t0;
            void Add<T>(Func<DateTimeOffset, T> factAt) where T : class
            {
                at = at.AddMinutes(1);
                var fact = factAt(at);
                heard[id].Add((at, fact));
                messages.Add(Delivery.Of(fact, $"entry {i} {typeof(T).Name}+{(at - t0).TotalMinutes}m"));
            }
            foreach (var verdict in plan.Checks) Add(at => new MediaChecked(id, CampaignId, CategoryId, verdict, [], at, []));
            if (plan.Review > 0)
                Add(at => new EntryReviewed(id, CampaignId, CategoryId, plan.Review == 1, plan.Review == 1 ? null : "片尾有水印", "reviewer-1", at));
            for (var p = 0; p < plan.Publications; p++)
                Add(at => new EntryPublished(id, CampaignId, CategoryId, $"platform-{p}", $"https://example.org/{id}/{p}", "organizer", at));
            if (plan.Judged) Add(at => new EntryJudged(id, CampaignId, CategoryId, "city-a", [new JudgeScore("judge-1", 70 + i)], 70 + i, "mean", at));
            for (var s = 0; s < plan.Scorings; s++)
                Add(at => new EngagementScored(id, CampaignId, CategoryId, new Dictionary<string, long> { ["views"] = 10 * (s + 1) }, 40 + s, "e1", at));
            if (plan.Award > 0) results.Add(new AwardResult(id, "city-a", null, 70 + i, 50, 64 + i, results.Count + 1, plan.Award == 1 ? "silver" : null,
                plan.Award == 1 ? "银奖" : null, null));
        }
        if (results.Count == 0) return (messages, heard);

        var first = new AwardsAllocated(Guid.NewGuid(), CampaignId, CategoryId, 0.7m, 0.3m, null, 0.4m, results, t0.AddHours(1));
        // A3, C1: a later allocation supersedes it, the winners and the others changing places.
        var second = first with
        {
            AllocationId = Guid.NewGuid(), AllocatedAt = t0.AddHours(2), Supersedes = first.AllocationId,
            Results = results.Select(r => r with { FinalScore = r.FinalScore + 1, TierId = r.TierId is null ? "silver" : null, TierName = r.TierId is null ? "银奖" : null }).ToList(),
        };
        foreach (var allocation in scenario.Reallocated ? [first, second] : new[] { first })
        {
            foreach (var r in allocation.Results)
                heard[r.EntryId].Add((allocation.AllocatedAt, new AwardDecided(r.EntryId, allocation.AllocationId, r.Rank, r.FinalScore, r.TierId, r.TierName, allocation.AllocatedAt)));
            messages.Add(Delivery.Of(allocation, $"{nameof(AwardsAllocated)}+{(allocation.AllocatedAt - t0).TotalMinutes}m of {allocation.Results.Count} entries"));
        }
        return (messages, heard);
    }

    /// <summary>The accepted withdrawal or disqualification, or null when C1 refused to withdraw a work already judged.</summary>
    private static async Task<object?> EndAsync(int ending, Entry entry, HttpClient submitter, HttpClient organizer)
    {
        if (ending == 2)
        {
            Assert.Null(await DecideAsync(() => organizer.PostAsJsonAsync($"/entries/{entry.Id}/disqualification", new DisqualifyEntryRequest("侵权"))));
            return new EntryDisqualified(entry.Id, entry.CampaignId, entry.CategoryId, "侵权", "organizer", DateTimeOffset.UtcNow);
        }
        if (await DecideAsync(() => submitter.PostAsync($"/entries/{entry.Id}/withdrawal", null)) is { } refusal)
        {
            // C1: refused only once judged; the status never moves back, so it is judged still.
            Assert.Equal("C1", refusal);
            Assert.True((await organizer.GetFromJsonAsync<Entry>($"/entries/{entry.Id}"))!.IsJudged, "a withdrawal was refused before the judging");
            return null;
        }
        return new EntryWithdrawn(entry.Id, entry.CampaignId, entry.CategoryId, entry.SubmittedBy, DateTimeOffset.UtcNow);
    }

    /// <summary>Null once accepted, else the rule that refused. A command that lost a race with the recorder on the entry's version is sent again.</summary>
    private static async Task<string?> DecideAsync(Func<Task<HttpResponseMessage>> send)
    {
        while (true)
        {
            using var response = await send();
            if (response.IsSuccessStatusCode) return null;
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (problem.TryGetProperty("ruleId", out var rule)) return rule.GetString();
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        }
    }

    /// <summary>The history as types, a fact from another service with its own time: each fact once, in the order it happened.</summary>
    private static async Task<string[]> HistoryAsync(HttpClient client, Guid id, DateTimeOffset t0) =>
        (await client.GetFromJsonAsync<JsonElement[]>($"/entries/{id}/history"))!.Select(e =>
        {
            var type = e.GetProperty("type").GetString()!;
            return OwnTime.TryGetValue(type, out var at) ? $"{type}+{(e.GetProperty("data").GetProperty(at).GetDateTimeOffset() - t0).TotalMinutes}m" : type;
        }).ToArray();

    /// <summary>The same Apply as Marten's inline snapshot (and SettlingFactsInAnyOrder), over the facts in the order they happened.</summary>
    private static Entry Fold(Entry submitted, IEnumerable<object> facts) => facts.Aggregate(submitted, (entry, fact) => fact switch
    {
        MediaChecked e => entry.Apply(e),
        EntryReviewed e => entry.Apply(e),
        EntryPublished e => entry.Apply(e),
        EntryJudged e => entry.Apply(e),
        EngagementScored e => entry.Apply(e),
        AwardDecided e => entry.Apply(e),
        EntryWithdrawn e => entry.Apply(e),
        EntryDisqualified e => entry.Apply(e),
        _ => throw new InvalidOperationException($"no Apply for {fact.GetType().Name}"),
    });

    private static object Settled(Entry e) => (e.Status, e.MediaVerdict, e.JudgesScore, e.EngagementScore, e.FinalScore, e.Award, e.RejectionReason);
}
