using Campaign.Campaigns;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.Engagement.Closing;
using Campaign.Engagement.Entries;
using CsCheck;

namespace Campaign.Engagement.Tests;

/// <summary>
/// Publications, exclusions and snapshots of a category's entries reach engagement late, twice and
/// in any order; folded through <see cref="EngagementEntry"/>'s Create/Apply (what the stream's
/// snapshot runs), closed by <see cref="ClosingDecision"/> and, for each exclusion heard after the
/// closing, scaled again by <see cref="RescoringDecision"/> (what the recorder runs), every order
/// gives the same scores.
/// </summary>
public sealed class ScoringUnderDisorder
{
    private static readonly CampaignDefinition Test = CampaignCatalog.Load(Path.Combine(AppContext.BaseDirectory, "campaigns"), includeDefault: false).Find("test-2026")!;
    private static readonly DateTimeOffset Opens = DateTimeOffset.Parse("2026-06-01T00:00:00Z");
    private static readonly string[] Platforms = ["site", "video-app"];

    private enum Exclusion { None, WithdrawnBeforeClosing, DisqualifiedBeforeClosing, WithdrawnAfterClosing, DisqualifiedAfterClosing }

    private sealed record Snapshot(string Platform, int Minute, long Views, long Likes)
    {
        public IReadOnlyDictionary<string, long> Figures => new Dictionary<string, long> { ["views"] = Views, ["likes"] = Likes };
    }

    /// <summary>One entry: where it is published, its platforms' snapshots, and whether and when it left.</summary>
    private sealed record Work(Guid Id, bool[] OnPlatform, Snapshot[] Snapshots, Exclusion Exclusion)
    {
        public bool Published => OnPlatform.Any(p => p);
        public bool ExcludedBeforeClosing => Exclusion is Exclusion.WithdrawnBeforeClosing or Exclusion.DisqualifiedBeforeClosing;

        /// <summary>What reaches the entry's stream before engagement closes: its publications, the snapshots feeds posted, an early exclusion.</summary>
        public IEnumerable<object> BeforeClosing()
        {
            for (var p = 0; p < Platforms.Length; p++)
                if (OnPlatform[p]) yield return new EntryPublished(Id, Test.Id, "clip", Platforms[p], $"https://x/{Id}", "o", Opens);
            // A feed posts only for platforms the entry is on; the snapshot's time is its own, not its arrival's.
            foreach (var s in Snapshots.Where(s => OnPlatform[Array.IndexOf(Platforms, s.Platform)]))
                yield return new FiguresReported(Id, s.Platform, s.Figures, "feed", Opens.AddMinutes(s.Minute));
            if (Exclusion == Exclusion.WithdrawnBeforeClosing) yield return new EntryWithdrawn(Id, Test.Id, "clip", "submitter", Opens);
            if (Exclusion == Exclusion.DisqualifiedBeforeClosing) yield return new EntryDisqualified(Id, Test.Id, "clip", "侵权", "organizer", Opens);
        }

        public IEnumerable<object> AfterClosing()
        {
            if (Exclusion == Exclusion.WithdrawnAfterClosing) yield return new EntryWithdrawn(Id, Test.Id, "clip", "submitter", Opens);
            if (Exclusion == Exclusion.DisqualifiedAfterClosing) yield return new EntryDisqualified(Id, Test.Id, "clip", "侵权", "organizer", Opens);
        }

        /// <summary>
        /// The views + 2 × likes of the snapshot that counts on each platform: the newest of those
        /// whose counters never went below the one before them that counted (E1: a decreasing
        /// counter is flagged, not applied); null when two snapshots share a minute.
        /// </summary>
        public long? Weighted()
        {
            long total = 0;
            foreach (var group in Snapshots.Where(s => OnPlatform[Array.IndexOf(Platforms, s.Platform)]).GroupBy(s => s.Platform))
            {
                if (group.GroupBy(s => s.Minute).Any(m => m.Select(s => (s.Views, s.Likes)).Distinct().Count() > 1)) return null;
                Snapshot? counted = null;
                foreach (var s in group.DistinctBy(s => s.Minute).OrderBy(s => s.Minute))
                    if (counted is null || (s.Views >= counted.Views && s.Likes >= counted.Likes)) counted = s;
                total += counted!.Views + 2 * counted.Likes;
            }
            return total;
        }
    }

    private static readonly Gen<Snapshot> GenSnapshot =
        Gen.Select(Gen.Int[0, Platforms.Length - 1], Gen.Int[0, 5], Gen.Long[0, 1000], Gen.Long[0, 100], (p, m, v, l) => new Snapshot(Platforms[p], m, v, l));

    private static readonly Gen<Work> GenWork =
        Gen.Select(Gen.Bool.Array[Platforms.Length], GenSnapshot.Array[0, 5], Gen.Frequency((2, Gen.Const(Exclusion.None)), (1, Gen.Enum<Exclusion>())),
            (on, snapshots, exclusion) => new Work(Guid.NewGuid(), on, snapshots, exclusion));

    /// <summary>The facts in a random order, some of them twice.</summary>
    private static Gen<object[]> Arrivals(IReadOnlyList<object> facts) =>
        (facts.Count == 0 ? Gen.Const(Array.Empty<int>()) : Gen.Int[0, facts.Count - 1].Array[0, 4])
        .SelectMany(again => Gen.Shuffle(facts.Concat(again.Select(i => facts[i])).ToArray()));

    /// <summary>Three orders of what comes before closing, each followed by an order of what comes after.</summary>
    private static readonly Gen<(Work[] Works, (object[] Before, object[] After)[] Orders)> GenCase =
        GenWork.Array[0, 8].SelectMany(works =>
            Gen.Select(Arrivals(works.SelectMany(w => w.BeforeClosing()).ToList()), Arrivals(works.SelectMany(w => w.AfterClosing()).ToList()))
                .Array[3].Select(orders => (works, orders)));

    /// <summary>The entries' stream snapshots as Marten folds them: a stream starts with the first fact that can start it.</summary>
    private static Dictionary<Guid, EngagementEntry> Fold(Dictionary<Guid, EngagementEntry> entries, IEnumerable<object> arrivals)
    {
        var waiting = new List<FiguresReported>();
        foreach (var fact in arrivals)
        {
            if (fact is FiguresReported f && !entries.ContainsKey(f.EntryId))
            {
                waiting.Add(f); // not possible in the stream (a feed posts only to a published entry): held until it is
                continue;
            }
            entries[IdOf(fact)] = entries.TryGetValue(IdOf(fact), out var entry) ? Apply(entry, fact) : Create(fact);
            foreach (var held in waiting.Where(h => entries.ContainsKey(h.EntryId)).ToList())
            {
                entries[held.EntryId] = entries[held.EntryId].WithSnapshot(held);
                waiting.Remove(held);
            }
        }
        Assert.Empty(waiting);
        return entries;
    }

    private static Guid IdOf(object fact) => fact switch
    {
        EntryPublished e => e.EntryId, EntryWithdrawn e => e.EntryId, EntryDisqualified e => e.EntryId,
        FiguresReported e => e.EntryId, EngagementScored e => e.EntryId, _ => throw new ArgumentException(fact.GetType().Name),
    };

    private static EngagementEntry Create(object fact) => fact switch
    {
        EntryPublished e => EngagementEntry.Create(e), EntryWithdrawn e => EngagementEntry.Create(e), EntryDisqualified e => EngagementEntry.Create(e),
        _ => throw new ArgumentException(fact.GetType().Name),
    };

    private static EngagementEntry Apply(EngagementEntry entry, object fact) => fact switch
    {
        EntryPublished e => entry.Apply(e), EntryWithdrawn e => entry.Apply(e), EntryDisqualified e => entry.Apply(e),
        FiguresReported e => entry.WithSnapshot(e), EngagementScored e => entry.Apply(e), _ => throw new ArgumentException(fact.GetType().Name),
    };

    /// <summary>An entry's state, field by field, as text that compares equal when the state is equal.</summary>
    private static string Canonical(EngagementEntry e) =>
        $"{e.Id} {e.CampaignId}/{e.CategoryId} [{string.Join(",", e.Platforms)}] excluded={e.Excluded} score={e.Score} " +
        string.Join(" ", e.Snapshots.Select(s => $"{s.PlatformId}@{s.ReportedAt:O}:{string.Join(",", s.Figures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"))}"));

    private static string State(Dictionary<Guid, EngagementEntry> entries) => string.Join("\n", entries.Values.OrderBy(e => e.Id).Select(Canonical));

    private static readonly DateTimeOffset Closes = Opens.AddDays(30);

    private static (Dictionary<Guid, EngagementEntry> AtClosing, IReadOnlyList<EngagementScored> Scored, EngagementClosed Closed, Dictionary<Guid, EngagementEntry> Final,
        EngagementClosed Latest) Run((object[] Before, object[] After) order)
    {
        var atClosing = Fold([], order.Before);
        var (scored, closed) = ClosingDecision.Decide(Test, "clip", atClosing.Values, "organizer", Closes);
        var final = Fold(new Dictionary<Guid, EngagementEntry>(atClosing), scored);
        var (latest, scores) = (closed, scored.ToList());
        // Each exclusion after the closing, as the recorder takes it: the category scaled again, in the same transaction.
        foreach (var fact in order.After)
        {
            if (RescoringDecision.Decide(latest, scores, IdOf(fact), Closes.AddDays(1)) is var (rescored, revised))
            {
                Assert.Equal(latest.Revision + 1, revised.Revision);
                (latest, final) = (revised, Fold(final, rescored));
                scores.AddRange(rescored);
            }
            final = Fold(final, [fact]);
        }
        return (atClosing, scored, closed, final, latest);
    }

    [Fact]
    public void C1_E1_in_every_order_the_same_facts_give_the_same_scores_and_a_work_that_left_is_neither_scored_nor_counted()
    {
        GenCase.Sample(c =>
        {
            var (works, orders) = c;
            var runs = orders.Select(Run).ToList();

            // Every order leaves every entry in the same state, at closing and after.
            Assert.All(runs, r => Assert.Equal(State(runs[0].AtClosing), State(r.AtClosing)));
            Assert.All(runs, r => Assert.Equal(State(runs[0].Final), State(r.Final)));
            Assert.All(runs, r => Assert.Equal(runs[0].Scored.Select(s => (s.EntryId, s.Score)), r.Scored.Select(s => (s.EntryId, s.Score))));

            var (atClosing, scored, closed, final, latest) = runs[0];
            var contenders = works.Where(w => w.Published && !w.ExcludedBeforeClosing).ToList();
            Assert.Equal(contenders.Select(w => w.Id).Order(), closed.ScoredEntries);
            Assert.Equal(contenders.Select(w => w.Id).Order(), scored.Select(s => s.EntryId));
            // An exclusion is kept whichever came first, the publication or the exclusion.
            Assert.All(works.Where(w => w.ExcludedBeforeClosing), w => Assert.True(atClosing[w.Id].Excluded));
            Assert.All(works.Where(w => w.Exclusion != Exclusion.None), w => Assert.True(final[w.Id].Excluded));

            // The category's scaling counts the contenders alone: the best of them scores 100 (E1, linear).
            if (contenders.Select(w => w.Weighted()).ToList() is var weights && weights.All(w => w is not null) && weights.Any(w => w > 0))
            {
                var top = weights.Max()!.Value;
                for (var i = 0; i < contenders.Count; i++)
                    Assert.Equal(Math.Round(100m * weights[i]!.Value / top, 2, MidpointRounding.AwayFromZero),
                        scored.Single(s => s.EntryId == contenders[i].Id).Score);
            }

            // A work that left after the closing left the scaling too: in every order, the scores in force are those of a
            // closing that never had it, and the closing in force scores exactly the works still in.
            var stillIn = works.Where(w => w.Published && w.Exclusion == Exclusion.None).Select(w => w.Id).Order().ToList();
            var withoutThem = ClosingDecision.Decide(Test, "clip", atClosing.Values.Where(e => stillIn.Contains(e.Id)), "organizer", Closes).Scored;
            Assert.All(runs, r => Assert.Equal(stillIn, r.Latest.ScoredEntries));
            Assert.All(runs, r => Assert.Equal(withoutThem.Select(s => (s.EntryId, (decimal?)s.Score)), stillIn.Select(id => (id, r.Final[id].Score))));
            Assert.All(works.Where(w => w.Exclusion != Exclusion.None && final.ContainsKey(w.Id)), w => Assert.Null(final[w.Id].Score));
            Assert.Equal(contenders.Count - stillIn.Count, latest.Revision);
        }, iter: 300, threads: 1, print: c => string.Join("\n", c.Works.Select(w =>
            $"{w.Id} on [{string.Join(",", w.OnPlatform)}] {w.Exclusion} snapshots {string.Join(" ", w.Snapshots.Select(s => s.ToString()))}")));
    }

    [Fact]
    public void E1_an_older_snapshot_arriving_late_stays_in_the_stream_but_does_not_replace_the_newer_one()
    {
        var id = Guid.NewGuid();
        var newer = new FiguresReported(id, "site", new Dictionary<string, long> { ["views"] = 500 }, "feed", Opens.AddHours(2));
        var older = new FiguresReported(id, "site", new Dictionary<string, long> { ["views"] = 100 }, "feed", Opens.AddHours(1));
        var entry = EngagementEntry.Create(new EntryPublished(id, Test.Id, "clip", "site", "https://x", "o", Opens));
        Assert.Equal(500, entry.WithSnapshot(newer).WithSnapshot(older).Totals()["views"]);
        Assert.Equal(500, entry.WithSnapshot(older).WithSnapshot(newer).Totals()["views"]);
    }

    [Fact]
    public void C1_a_disqualification_before_the_publication_is_kept_and_the_publication_does_not_undo_it()
    {
        var id = Guid.NewGuid();
        var entry = EngagementEntry.Create(new EntryDisqualified(id, Test.Id, "clip", "侵权", "organizer", Opens))
            .Apply(new EntryPublished(id, Test.Id, "clip", "site", "https://x", "o", Opens));
        Assert.True(entry.Excluded);
        Assert.Empty(ClosingDecision.Decide(Test, "clip", [entry], "organizer", Opens).Scored);
    }
}
