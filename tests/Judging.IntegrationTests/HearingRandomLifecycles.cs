using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.Judging.Entries;
using Campaign.Judging.Panels;
using Campaign.Judging.Reviewing;
using Campaign.TestSupport;
using CsCheck;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Campaign.Judging.IntegrationTests;

/// <summary>
/// What FoldingAnEntrysFacts proves of the fold, through the real recorder, with a reviewer and the judges at work while
/// it records: random lifecycles of several entries, their facts from Submission and MediaCheck published in a random
/// order and some twice under one message id, some entries withdrawn or disqualified on the way.
/// </summary>
public sealed class HearingRandomLifecycles(JudgingFixture service) : IClassFixture<JudgingFixture>
{
    private const string Queue = "judging-entry-facts-recorder";
    private const string CampaignId = "test-2026";
    private const string CategoryId = "story";
    private static readonly int[] Judges = [1, 2, 3];

    /// <summary>One entry: its media checks, whether the reviewer approves it, and its end (1 withdrawn, 2 disqualified).</summary>
    public sealed record Plan(Verdict[] Checks, bool Approve, int Exclusion)
    {
        public override string ToString() => $"checks=[{string.Join(',', Checks)}] approve={Approve} exclusion={Exclusion}";
    }

    /// <summary>
    /// Several entries at once, their facts in the order <see cref="Shuffle"/> seeds, those at <see cref="Twice"/> delivered
    /// again; the reviewer and the judges work after every <see cref="WorkEvery"/> deliveries, while the recorder is busy.
    /// </summary>
    public sealed record Scenario(Plan[] Plans, int Shuffle, int[] Twice, int WorkEvery)
    {
        public override string ToString() =>
            $"shuffle={Shuffle} twice=[{string.Join(',', Twice)}] workEvery={WorkEvery}; {string.Join("; ", Plans.Select((p, i) => $"entry {i}: {p}"))}";
    }

    private static readonly Gen<Scenario> Scenarios =
        from plans in (from checks in Gen.Enum<Verdict>().Array[0, 2]
                       from approve in Gen.Frequency((3, true), (1, false))
                       from exclusion in Gen.Int[0, 2]
                       select new Plan(checks, approve, exclusion)).Array[4]
        from shuffle in Gen.Int
        from twice in Gen.Int[0, 99].Array[0, 8]
        from workEvery in Gen.Int[1, 2]
        select new Scenario(plans, shuffle, twice, workEvery);

    /// <summary>What judging decides on an entry itself: none of it may follow the entry's withdrawal or disqualification (C1).</summary>
    private static bool IsJudgingsOwn(object e) => e is EntryReviewed or JudgesAssigned or ScoreGiven or ScoreSubmitted or EntryJudged;

    [Fact]
    public async Task Random_lifecycles_heard_in_any_order_and_some_twice_keep_each_fact_once_and_an_excluded_entry_is_never_assigned_or_judged_after()
    {
        (await service.ClientAs(Users.Organizer).PutAsJsonAsync($"/panels/{CampaignId}/{CategoryId}",
            new SetPanelRequest(Judges.Select(j => new Judge($"judge-{j}")).ToList()))).EnsureSuccessStatusCode();
        var receipts = new Receipts(Queue);
        using var observing = service.Services.GetRequiredService<IBus>().ConnectReceiveObserver(receipts);

        await Scenarios.SampleAsync(scenario => RunAsync(scenario, receipts), iter: 12, threads: 1);
    }

    private async Task RunAsync(Scenario scenario, Receipts receipts)
    {
        var t0 = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var ids = scenario.Plans.Select(_ => Guid.CreateVersion7()).ToArray();
        var messages = new List<Delivery>();
        var heard = ids.ToDictionary(id => id, _ => new List<string>());
        foreach (var (plan, i) in scenario.Plans.Select((plan, i) => (plan, i)))
        {
            void Add<T>(T fact) where T : class
            {
                heard[ids[i]].Add(Signature(fact, t0)!);
                messages.Add(Delivery.Of(fact, $"entry {i} {Signature(fact, t0)}"));
            }
            Add(new EntrySubmitted(ids[i], CampaignId, CategoryId, "标题", "city-c", "individual", "worker-1", "正文", [], t0));
            foreach (var (verdict, k) in plan.Checks.Select((v, k) => (v, k + 1)))
                Add(new MediaChecked(ids[i], CampaignId, CategoryId, verdict, [], t0.AddMinutes(k), []));
            if (plan.Exclusion == 1) Add(new EntryWithdrawn(ids[i], CampaignId, CategoryId, "worker-1", t0.AddMinutes(10)));
            if (plan.Exclusion == 2) Add(new EntryDisqualified(ids[i], CampaignId, CategoryId, "侵权", "organizer", t0.AddMinutes(10)));
        }
        var deliveries = messages.Concat(scenario.Twice.Select(i => messages[i % messages.Count])).ToArray();
        new Random(scenario.Shuffle).Shuffle(deliveries);
        var desk = new Desk(ids, scenario.Plans);
        var handled = receipts.Count;
        try
        {
            foreach (var (delivery, step) in deliveries.Select((d, step) => (d, step + 1)))
            {
                desk.Log.Add(delivery.ToString());
                await delivery.Publish(service.Bus);
                if (step % scenario.WorkEvery == 0) await WorkAsync(desk);
            }
            await receipts.WaitForAsync(handled, deliveries.Length);
            // Then whatever is left to review or score, until nothing is.
            for (var pass = 0; await WorkAsync(desk); pass++)
                Assert.True(pass < 50, "the reviewer and the judges never ran out of work");

            await using var query = service.Services.GetRequiredService<IDocumentStore>().QuerySession();
            foreach (var (plan, i) in scenario.Plans.Select((plan, i) => (plan, i)))
            {
                var stream = (await query.Events.FetchStreamAsync(ids[i])).Select(e => e.Data).ToList();
                Assert.Equal(heard[ids[i]].Order(), stream.Select(e => Signature(e, t0)).OfType<string>().Order());

                var exclusion = stream.FindIndex(e => e is EntryWithdrawn or EntryDisqualified);
                Assert.True(exclusion < 0 || !stream.Skip(exclusion).Any(IsJudgingsOwn),
                    $"entry {i} was {string.Join(", ", stream.Skip(exclusion).Where(IsJudgingsOwn).Select(e => e.GetType().Name).Distinct())} after its exclusion");
                Assert.True(stream.OfType<EntryReviewed>().Count() <= 1 && stream.OfType<EntryJudged>().Count() <= 1, $"entry {i} reviewed or judged twice");

                var entry = (await query.LoadAsync<JudgingEntry>(ids[i]))!;
                Assert.Equal(plan.Exclusion > 0, entry.Excluded);
                // J2: a work nobody excluded, approved on media that passed or need a person's eye, is judged by every judge.
                if (plan.Exclusion == 0 && plan.Approve && plan.Checks is [.., not Verdict.Failed])
                    Assert.Equal(Judges.Length, Assert.Single(stream.OfType<EntryJudged>()).Scores.Count);
            }
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}{Environment.NewLine}delivered and done, in this order:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", desk.Log)}");
        }
    }

    /// <summary>
    /// The reviewer and the judges of one iteration. A judge keeps each work once assigned to them open, and hands in a
    /// score for it even when it was excluded since: only the server may refuse. Done: what a judge has handed in, or
    /// been refused for good.
    /// </summary>
    private sealed class Desk(IReadOnlyList<Guid> ids, IReadOnlyList<Plan> plans)
    {
        public List<string> Log { get; } = [];
        public HashSet<(int Judge, Guid Entry)> Open { get; } = [];
        public HashSet<(int Judge, Guid Entry)> Done { get; } = [];
        public int IndexOf(Guid id) => ids.ToList().IndexOf(id);
        public bool Approves(Guid id) => plans[IndexOf(id)].Approve;
        public bool IsOurs(Guid id) => ids.Contains(id);

        public async Task<HttpResponseMessage> Note(string what, Task<HttpResponseMessage> sending)
        {
            var response = await sending;
            Log.Add($"{what}: {(int)response.StatusCode}");
            Assert.True((int)response.StatusCode < 500, $"{what} failed: {(int)response.StatusCode}");
            return response;
        }
    }

    /// <summary>One pass over the iteration's entries: review what awaits review, score and hand in what is open. True when there was something to do.</summary>
    private async Task<bool> WorkAsync(Desk desk)
    {
        var busy = false;
        var reviewer = service.ClientAs(Users.Reviewer);
        var queue = await reviewer.GetFromJsonAsync<JsonElement[]>($"/review/queue?campaignId={CampaignId}&categoryId={CategoryId}");
        foreach (var id in queue!.Select(e => e.GetProperty("id").GetGuid()).Where(desk.IsOurs))
        {
            busy = true;
            await desk.Note($"review of entry {desk.IndexOf(id)}", reviewer.PostAsJsonAsync($"/review/{id}",
                desk.Approves(id) ? new ReviewRequest(true, Checked: ["S4"]) : new ReviewRequest(false, "故事性不足")));
        }
        foreach (var n in Judges)
        {
            var judge = service.ClientAs(Users.Judge(n));
            // A judge reads a work before scoring it: what they score now is what they opened before, excluded since or not.
            var read = desk.Open.Where(o => o.Judge == n).Except(desk.Done).ToList();
            foreach (var assigned in (await judge.GetFromJsonAsync<JsonElement[]>("/judging/assignments"))!.Select(a => a.GetProperty("entryId").GetGuid()))
                busy |= desk.IsOurs(assigned) && desk.Open.Add((n, assigned));
            foreach (var (_, id) in read)
            {
                busy = true;
                var what = $"judge-{n}'s score of entry {desk.IndexOf(id)}";
                var scored = await desk.Note(what, judge.PutAsJsonAsync($"/judging/entries/{id}/score", new { score = 70 + n }));
                var final = scored.IsSuccessStatusCode
                    ? await desk.Note($"{what} handed in", judge.PostAsync($"/judging/entries/{id}/submit", null))
                    : scored;
                if (await IsFinalAsync(final)) desk.Done.Add((n, id));
            }
        }
        return busy;
    }

    /// <summary>Handed in, or refused for good (J1, J2: not assigned, not open, already handed in); a write that lost a race is tried again.</summary>
    private static async Task<bool> IsFinalAsync(HttpResponseMessage response) =>
        response.IsSuccessStatusCode || (int)response.StatusCode is 403 or 404
        || (int)response.StatusCode == 409 && (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("ruleId", out _);

    /// <summary>A fact from another service by its type and own time; null for judging's own.</summary>
    private static string? Signature(object fact, DateTimeOffset t0) => fact switch
    {
        EntrySubmitted e => $"{nameof(EntrySubmitted)}+{(e.SubmittedAt - t0).TotalMinutes}m",
        MediaChecked e => $"{nameof(MediaChecked)}+{(e.CheckedAt - t0).TotalMinutes}m",
        EntryWithdrawn e => $"{nameof(EntryWithdrawn)}+{(e.WithdrawnAt - t0).TotalMinutes}m",
        EntryDisqualified e => $"{nameof(EntryDisqualified)}+{(e.DisqualifiedAt - t0).TotalMinutes}m",
        _ => null,
    };
}
