using Campaign.Awards.Allocation;
using Campaign.Campaigns;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using CsCheck;

namespace Campaign.Awards.Tests;

/// <summary>
/// A category's facts arrive late, twice and in any order: folded through what the recorder runs
/// (<see cref="AwardAllocation.Record"/>), every order of the same facts ends in the same awards.
/// </summary>
public sealed class AllocatingUnderDisorder
{
    private static readonly CampaignDefinition Test = CampaignCatalog.Load(Path.Combine(AppContext.BaseDirectory, "campaigns"), includeDefault: false).Find("test-2026")!;
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-07-20T00:00:00Z");
    private static readonly string[] Organizations = ["city-a", "city-b", "city-c", "rail"];

    private enum Exclusion { None, WithdrawnBeforeClosing, DisqualifiedBeforeClosing, WithdrawnAfterClosing, DisqualifiedAfterClosing }

    /// <summary>One work of the category: judged by the time judging closed or not, published or not, and whether and when it left.</summary>
    private sealed record Work(Guid Id, string Organization, bool Judged, decimal JudgesScore, bool Published, decimal Engagement, Exclusion Exclusion)
    {
        public bool ExcludedBeforeClosing => Exclusion is Exclusion.WithdrawnBeforeClosing or Exclusion.DisqualifiedBeforeClosing;
        public bool Excluded => Exclusion != Exclusion.None;
    }

    private sealed record Category(IReadOnlyList<Work> Works, bool JudgingClosed, bool EngagementClosed)
    {
        /// <summary>Every fact the category's stream hears of, once each.</summary>
        public IReadOnlyList<object> Facts()
        {
            var facts = new List<object>();
            foreach (var w in Works)
            {
                // Judging may have judged a work before it left; engagement never scores one that left before it closed.
                if (w.Judged) facts.Add(new EntryJudged(w.Id, Test.Id, "clip", w.Organization, [], w.JudgesScore, "mean", Now));
                if (w.Published && !w.ExcludedBeforeClosing)
                    facts.Add(new EngagementScored(w.Id, Test.Id, "clip", new Dictionary<string, long>(), w.Engagement, "v", Now));
                if (w.Exclusion is Exclusion.WithdrawnBeforeClosing or Exclusion.WithdrawnAfterClosing)
                    facts.Add(new EntryWithdrawn(w.Id, Test.Id, "clip", "submitter", Now));
                if (w.Exclusion is Exclusion.DisqualifiedBeforeClosing or Exclusion.DisqualifiedAfterClosing)
                    facts.Add(new EntryDisqualified(w.Id, Test.Id, "clip", "侵权", "organizer", Now));
            }
            if (JudgingClosed)
                facts.Add(new JudgingClosed(Test.Id, "clip", Works.Where(w => w.Judged && !w.ExcludedBeforeClosing).Select(w => w.Id).Order().ToList(), "o", Now));
            if (EngagementClosed)
                facts.Add(new EngagementClosed(Test.Id, "clip", Works.Where(w => w.Published && !w.ExcludedBeforeClosing).Select(w => w.Id).Order().ToList(), "o", Now));
            return facts;
        }
    }

    private static readonly Gen<Work> GenWork =
        Gen.Select(Gen.Int[0, Organizations.Length - 1], Gen.Bool, Gen.Int[0, 20], Gen.Bool, Gen.Int[0, 10],
                Gen.Frequency((3, Gen.Const(Exclusion.None)), (1, Gen.Enum<Exclusion>())))
            // Few distinct scores, so that ties are common and the tie-breaks are exercised.
            .Select(t => new Work(Guid.NewGuid(), Organizations[t.Item1], t.Item2, 60m + t.Item3 * 2, t.Item4, t.Item5 * 10m, t.Item6));

    private static readonly Gen<Category> GenCategory =
        Gen.Select(GenWork.List[0, 9], Gen.Frequency((5, Gen.Const(true)), (1, Gen.Const(false))), Gen.Frequency((5, Gen.Const(true)), (1, Gen.Const(false))),
            (works, judging, engagement) => new Category(works, judging, engagement));

    /// <summary>The facts in a random order, some of them twice.</summary>
    private static Gen<object[]> Arrivals(IReadOnlyList<object> facts) =>
        (facts.Count == 0 ? Gen.Const(Array.Empty<int>()) : Gen.Int[0, facts.Count - 1].Array[0, 4])
        .SelectMany(again => Gen.Shuffle(facts.Concat(again.Select(i => facts[i])).ToArray()));

    private static readonly Gen<(Category Category, object[][] Orders)> GenCase =
        GenCategory.SelectMany(c => Arrivals(c.Facts()).Array[3].Select(orders => (c, orders)));

    /// <summary>What the recorder leaves in the category's stream, fact by fact (test-2026, at <see cref="Now"/>).</summary>
    internal static CategoryResults Fold(IEnumerable<object> arrivals)
    {
        var state = CategoryResults.Empty;
        var allocations = 0;
        foreach (var fact in arrivals)
            foreach (var recorded in AwardAllocation.Record(Test, state, fact, new Guid(++allocations, 0, 0, new byte[8]), Now))
                state = state.Apply(recorded);
        return state;
    }

    private static IEnumerable<AwardResult> Standings(AwardsAllocated allocation) => allocation.Results.Select(r => r with { MovedUp = false });

    private static string Print((Category Category, object[][] Orders) c) =>
        string.Join("\n", c.Category.Works.Select(w => w.ToString())) + $"\njudging closed {c.Category.JudgingClosed}, engagement closed {c.Category.EngagementClosed}";

    [Fact]
    public void C1_A1_in_every_order_the_same_facts_give_the_same_awards_and_no_excluded_work_wins_or_ranks()
    {
        GenCase.Sample(c =>
        {
            var (category, orders) = c;
            var finals = orders.Select(Fold).ToList();
            var latest = finals.Select(f => f.Allocated).ToList();

            if (!category.JudgingClosed || !category.EngagementClosed)
            {
                Assert.All(latest, Assert.Null);
                return;
            }
            Assert.All(latest, Assert.NotNull);
            // Outcome: the latest allocation's standings are one and the same in every order. Who moved
            // up is history — it depends on whether an exclusion came before the first allocation or after.
            Assert.All(latest, a => Assert.Equal(Standings(latest[0]!), Standings(a!)));

            var results = latest[0]!.Results;
            var expectedRanked = category.Works.Where(w => w.Judged && !w.Excluded).Select(w => w.Id).Order();
            Assert.Equal(expectedRanked, results.Select(r => r.EntryId).Order());
            Assert.Equal(Enumerable.Range(1, results.Count), results.Select(r => r.Rank));
            foreach (var work in category.Works.Where(w => w.Judged && !w.Excluded))
                Assert.Equal(work.Published ? work.Engagement : 0m, results.Single(r => r.EntryId == work.Id).EngagementScore);

            foreach (var final in finals)
            {
                // Each allocation supersedes the one before, naming exactly who left since.
                for (var i = 0; i < final.Allocations.Count; i++)
                {
                    var allocation = final.Allocations[i];
                    var previous = i > 0 ? final.Allocations[i - 1] : null;
                    Assert.Equal(previous?.AllocationId, allocation.Supersedes);
                    var left = (previous?.Results.Select(r => r.EntryId) ?? []).Except(allocation.Results.Select(r => r.EntryId)).Order();
                    Assert.Equal(left, allocation.Excluded!);
                    Assert.All(allocation.Excluded!, id => Assert.Contains(category.Works, w => w.Id == id && w.Excluded));
                    Assert.All(allocation.Results, r => Assert.Equal(previous?.Results.SingleOrDefault(p => p.EntryId == r.EntryId) is { } p && p.Rank > r.Rank, r.MovedUp));
                }
                // Deterministic: recomputed from the whole stream, the latest allocation is what was recorded.
                var superseded = final.Allocations.Where(a => a.AllocationId == final.Allocated!.Supersedes).ToList();
                var recomputed = AwardAllocation.Allocate(Test, Test.FindCategory("clip")!, final with { Allocations = superseded },
                    final.Allocated!.AllocationId, Now);
                Assert.Equal(final.Allocated!.Results, recomputed.Results);
                Assert.Equal(final.Allocated.Excluded!, recomputed.Excluded!);
            }
        }, iter: 300, threads: 1, print: Print);
    }

    [Fact]
    public void C1_a_disqualification_after_the_allocation_makes_a_new_one_that_supersedes_it_and_moves_the_others_up()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        var facts = ids.Select((id, i) => (object)new EntryJudged(id, Test.Id, "clip", "city-b", [], 90 - i, "mean", Now))
            .Append(new JudgingClosed(Test.Id, "clip", ids, "o", Now)).Append(new EngagementClosed(Test.Id, "clip", [], "o", Now)).ToList();
        var first = Fold(facts);
        var second = Fold([.. facts, new EntryDisqualified(ids[0], Test.Id, "clip", "侵权", "o", Now)]);

        Assert.Single(first.Allocations);
        Assert.Equal(2, second.Allocations.Count);
        var (before, after) = (second.Allocations[0], second.Allocations[1]);
        Assert.Equal(first.Allocated!.Results, before.Results);
        Assert.Equal(before.AllocationId, after.Supersedes);
        Assert.Equal([ids[0]], after.Excluded!);
        Assert.Equal([(ids[1], 1, true), (ids[2], 2, true)], after.Results.Select(r => (r.EntryId, r.Rank, r.MovedUp)));
        // A second delivery of the same disqualification changes nothing.
        Assert.Equal(2, Fold([.. facts, new EntryDisqualified(ids[0], Test.Id, "clip", "侵权", "o", Now), new EntryWithdrawn(ids[0], Test.Id, "clip", "w", Now)]).Allocations.Count);
    }
}
