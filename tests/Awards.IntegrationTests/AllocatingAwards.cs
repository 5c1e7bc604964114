using System.Net.Http.Json;
using System.Text.Json;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.TestSupport;

namespace Campaign.Awards.IntegrationTests;

public sealed class AwardsFixture() : ServiceFactory<Program>("awards")
{
    protected override void Observe(BusProbe.Observer o) => o.Observe<AwardsAllocated>();
}

public sealed class AllocatingAwards(AwardsFixture service) : IClassFixture<AwardsFixture>
{
    [Fact]
    public async Task A2_facts_arriving_in_any_order_and_twice_give_one_allocation_with_the_host_region_capped()
    {
        // The test campaign's "clip": host region a, cap 50 %, 5 places; 6 entries, 4 of them from city-a at the top.
        var now = DateTimeOffset.UtcNow;
        var entries = new (Guid Id, string Org, decimal Judges)[]
        {
            (Guid.CreateVersion7(), "city-a", 95), (Guid.CreateVersion7(), "city-a", 94), (Guid.CreateVersion7(), "city-a", 93),
            (Guid.CreateVersion7(), "city-a", 92), (Guid.CreateVersion7(), "city-b", 60), (Guid.CreateVersion7(), "rail", 50),
        };
        var ids = entries.Select(e => e.Id).ToList();
        var messages = new List<(object Message, Guid Id)>
        {
            (new JudgingClosed("test-2026", "clip", ids, "o", now), Guid.NewGuid()),
            (new EngagementClosed("test-2026", "clip", ids, "o", now), Guid.NewGuid()),
        };
        messages.AddRange(entries.Select(e => ((object)new EntryJudged(e.Id, "test-2026", "clip", e.Org, [], e.Judges, "trimmed-mean", now), Guid.NewGuid())));
        messages.AddRange(entries.Select(e => ((object)new EngagementScored(e.Id, "test-2026", "clip", new Dictionary<string, long>(), 50, "v", now), Guid.NewGuid())));
        messages.Add(messages[3]); // a duplicate delivery

        foreach (var (message, id) in messages.OrderBy(_ => Random.Shared.Next()))
            await PublishAsync(message, id);

        var (_, allocated) = await service.Bus.WaitForAsync<AwardsAllocated>(a => a.CategoryId == "clip" && a.Results.Any(r => r.EntryId == ids[0]));
        var winners = allocated.Results.Where(r => r.TierId is not null).ToList();
        // 5 places, cap 50 %: 2 host winners of 5 → city-b and rail win, then 2 of city-a: 4 winners → cap 2 of 4.
        Assert.Equal(4, winners.Count);
        Assert.Equal(2, winners.Count(w => w.Region == "a"));
        Assert.Equal([ids[0], ids[1], ids[4], ids[5]], winners.Select(w => w.EntryId));
        Assert.Equal(["first", "first", "second", "second"], winners.Select(w => w.TierId));

        var verification = await service.ClientAs(Users.Operator).GetFromJsonAsync<JsonElement>("/results/test-2026/clip/verification");
        Assert.True(verification.GetProperty("identical").GetBoolean());

        // The cap, explained: without it the top 5 win (four of city-a, then city-b); with it the third and fourth of
        // city-a are displaced, rail takes a place, and only 4 of the 5 places are awarded.
        var cap = await service.ClientAs(Users.Organizer).GetFromJsonAsync<JsonElement>("/results/test-2026/clip/cap");
        Assert.Equal((5, 4, 2), (cap.GetProperty("places").GetInt32(), cap.GetProperty("winners").GetInt32(), cap.GetProperty("hostWinners").GetInt32()));
        Assert.Equal([ids[2], ids[3]], cap.GetProperty("displaced").EnumerateArray().Select(m => m.GetProperty("entryId").GetGuid()));
        Assert.Equal([ids[5]], cap.GetProperty("tookTheirPlaces").EnumerateArray().Select(m => m.GetProperty("entryId").GetGuid()));
        Assert.Equal(93m, cap.GetProperty("displaced")[0].GetProperty("judgesScore").GetDecimal());
        Assert.Contains("4 个", cap.GetProperty("statement").GetString());
        await Eventually.NeverAsync(() => service.Bus.Received<AwardsAllocated>().Count(a => a.Message.CategoryId == "clip") > 1, "a second allocation of clip");
    }

    [Fact]
    public async Task C1_a_disqualification_then_a_withdrawal_after_the_allocation_each_reallocate_and_every_allocation_stays_traceable()
    {
        // The test campaign's "story": one gold, two silvers, no host region.
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7()).ToList();
        await service.Bus.PublishAsync(new JudgingClosed("test-2026", "story", ids, "o", now), Guid.NewGuid());
        await service.Bus.PublishAsync(new EngagementClosed("test-2026", "story", ids, "o", now), Guid.NewGuid());
        for (var i = 0; i < ids.Count; i++)
        {
            await service.Bus.PublishAsync(new EntryJudged(ids[i], "test-2026", "story", "city-b", [], 90 - i * 10, "mean", now), Guid.NewGuid());
            await service.Bus.PublishAsync(new EngagementScored(ids[i], "test-2026", "story", new Dictionary<string, long>(), 50, "v", now), Guid.NewGuid());
        }
        var (_, first) = await service.Bus.WaitForAsync<AwardsAllocated>(a => a.CategoryId == "story");
        Assert.Equal([ids[0], ids[1], ids[2], ids[3]], first.Results.Select(r => r.EntryId));
        Assert.Null(first.Supersedes);

        var disqualification = new EntryDisqualified(ids[0], "test-2026", "story", "侵权", "organizer", now);
        await service.Bus.PublishAsync(disqualification, Guid.NewGuid());
        await service.Bus.PublishAsync(disqualification, Guid.NewGuid()); // sent twice
        var (_, second) = await service.Bus.WaitForAsync<AwardsAllocated>(a => a.CategoryId == "story" && a.Supersedes == first.AllocationId);
        Assert.Equal([ids[0]], second.Excluded!);
        Assert.Equal([(ids[1], 1, "gold", true), (ids[2], 2, "silver", true), (ids[3], 3, "silver", true)],
            second.Results.Select(r => (r.EntryId, r.Rank, r.TierId, r.MovedUp)));

        await service.Bus.PublishAsync(new EntryWithdrawn(ids[1], "test-2026", "story", "submitter", now), Guid.NewGuid());
        var (_, third) = await service.Bus.WaitForAsync<AwardsAllocated>(a => a.CategoryId == "story" && a.Supersedes == second.AllocationId);
        Assert.Equal([ids[1]], third.Excluded!);
        Assert.Equal([(ids[2], "gold"), (ids[3], "silver")], third.Results.Select(r => (r.EntryId, r.TierId)));

        var operatorClient = service.ClientAs(Users.Operator);
        var current = await operatorClient.GetFromJsonAsync<JsonElement>("/results/test-2026/story");
        Assert.Equal(third.AllocationId, current.GetProperty("allocationId").GetGuid());
        var verification = await operatorClient.GetFromJsonAsync<JsonElement>("/results/test-2026/story/verification");
        Assert.True(verification.GetProperty("identical").GetBoolean());
        // The duplicate disqualification makes no fourth allocation, however long the outbox takes to forward one.
        await Eventually.NeverAsync(() => service.Bus.Received<AwardsAllocated>().Count(a => a.Message.CategoryId == "story") > 3, "a fourth allocation of story");
        Assert.Equal(3, service.Bus.Received<AwardsAllocated>().Count(a => a.Message.CategoryId == "story"));
    }

    private Task PublishAsync(object message, Guid id) => message switch
    {
        EntryJudged m => service.Bus.PublishAsync(m, id),
        EngagementScored m => service.Bus.PublishAsync(m, id),
        JudgingClosed m => service.Bus.PublishAsync(m, id),
        EngagementClosed m => service.Bus.PublishAsync(m, id),
        _ => throw new ArgumentException(message.GetType().Name),
    };
}
