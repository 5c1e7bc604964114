using Campaign.Awards.Allocation;
using Campaign.Awards.Sealing;
using Campaign.Campaigns;
using Campaign.Contracts.Awards;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;

namespace Campaign.Awards.Tests;

/// <summary>
/// C1, E1: a work withdrawn or disqualified after engagement closed leaves the category's scaling, and engagement
/// scores the others again (a closing of the next revision). Awards takes the new scores whole, in any order, and
/// allocates again when a score of the allocation in force changed.
/// </summary>
public sealed class ReallocatingOnARescore
{
    private static readonly CampaignDefinition Test = CampaignCatalog.Load(Path.Combine(AppContext.BaseDirectory, "campaigns"), includeDefault: false).Find("test-2026")!;
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-07-20T00:00:00Z");
    private static readonly Guid Popular = new("00000000-0000-0000-0000-000000000001"), Quiet = new("00000000-0000-0000-0000-000000000002"),
        Judged = new("00000000-0000-0000-0000-000000000003");
    private static readonly Guid[] All = [Popular, Quiet, Judged];

    private static EngagementScored Scored(Guid id, decimal score, int revision = 0) =>
        new(id, Test.Id, "story", new Dictionary<string, long>(), score, "v", Now, Revision: revision);

    private static readonly EngagementClosed Closed = new(Test.Id, "story", All, "organizer", Now);

    /// <summary>
    /// The category as first allocated (test-2026: judges 0.6, engagement 0.4): the popular work's views scale the
    /// others to almost nothing, so the judges' favourite of the two ("Judged", 81) ranks above "Quiet" (80).
    /// </summary>
    private static readonly object[] BeforeTheRescore =
    [
        new JudgingClosed(Test.Id, "story", All, "o", Now), Closed,
        new EntryJudged(Popular, Test.Id, "story", "city-b", [], 90, "mean", Now), Scored(Popular, 100),
        new EntryJudged(Quiet, Test.Id, "story", "city-b", [], 80, "mean", Now), Scored(Quiet, 0.04m),
        new EntryJudged(Judged, Test.Id, "story", "city-c", [], 81, "mean", Now), Scored(Judged, 0.01m),
    ];

    /// <summary>What the popular work's disqualification brings: Submission's word, and engagement's rescaling (400 views against 100).</summary>
    private static readonly object[] TheRescore =
    [
        new EntryDisqualified(Popular, Test.Id, "story", "侵权", "organizer", Now),
        Closed with { ScoredEntries = [Quiet, Judged], Revision = 1, Left = [Popular], Rescored = [Quiet, Judged], RevisedAt = Now },
        Scored(Quiet, 100, revision: 1), Scored(Judged, 25, revision: 1),
    ];

    private static CategoryResults Fold(IEnumerable<object> arrivals) => AllocatingUnderDisorder.Fold(arrivals);

    private static IEnumerable<object[]> Orders(object[] facts) =>
        facts.Length <= 1 ? [facts] : facts.SelectMany((f, i) => Orders([.. facts.Take(i), .. facts.Skip(i + 1)]).Select(rest => (object[])[f, .. rest]));

    [Fact]
    public void C1_E1_Given_an_allocation_When_its_top_work_leaves_and_the_others_are_scored_again_Then_in_every_order_a_new_allocation_ranks_them_by_the_new_scores()
    {
        var first = Fold(BeforeTheRescore).Allocated!;
        Assert.Equal([(Popular, 1), (Judged, 2), (Quiet, 3)], first.Results.Select(r => (r.EntryId, r.Rank)));

        foreach (var order in Orders(TheRescore))
        {
            var final = Fold([.. BeforeTheRescore, .. order]);
            // 80 × 0.6 + 100 × 0.4 = 88 against 81 × 0.6 + 25 × 0.4 = 58.6: the quiet work moves up.
            Assert.Equal([(Quiet, 1, 100m, 88m, true), (Judged, 2, 25m, 58.6m, false)],
                final.Allocated!.Results.Select(r => (r.EntryId, r.Rank, r.EngagementScore, r.FinalScore, r.MovedUp)));
            // Every allocation supersedes the one before; the popular work is named as having left once.
            Assert.Equal(final.Allocations.SkipLast(1).Select(a => (Guid?)a.AllocationId), final.Allocations.Skip(1).Select(a => a.Supersedes));
            Assert.Single(final.Allocations, a => a.Excluded!.Contains(Popular));
            // One new allocation, unless Submission's word came first: then one at once, and one when the rescaling is whole.
            Assert.Equal(order[0] is EntryDisqualified ? 3 : 2, final.Allocations.Count);
        }
    }

    [Fact]
    public void C1_E1_a_work_below_the_top_leaving_after_the_closing_changes_no_other_score_and_so_makes_no_allocation_beyond_its_own()
    {
        var final = Fold([.. BeforeTheRescore,
            Closed with { ScoredEntries = [Popular, Quiet], Revision = 1, Left = [Judged], Rescored = [], RevisedAt = Now },
            new EntryWithdrawn(Judged, Test.Id, "story", "submitter", Now)]);
        Assert.Equal(2, final.Allocations.Count);
        Assert.Equal([Judged], final.Allocated!.Excluded!);
        Assert.Equal([(Popular, 100m), (Quiet, 0.04m)], final.Allocated.Results.Select(r => (r.EntryId, r.EngagementScore)));
    }

    [Fact]
    public void C1_E1_a_score_or_a_closing_of_an_earlier_revision_arriving_late_changes_nothing()
    {
        var rescored = Fold([.. BeforeTheRescore, .. TheRescore]);
        var late = Fold([.. BeforeTheRescore, .. TheRescore, Closed, Scored(Quiet, 0.04m)]);
        Assert.Equal(rescored.Allocations.Count, late.Allocations.Count);
        Assert.Equal((1, 100m), (late.EngagementClosed!.Revision, late.EngagementOf(Quiet)));
    }

    [Fact]
    public void A_first_closing_and_its_scores_are_sealed_as_they_were_before_revisions_existed_so_earlier_seals_still_verify()
    {
        Assert.DoesNotContain("revision", ResultsRecord.Canonical(Closed), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("left", ResultsRecord.Canonical(Closed), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("revision", ResultsRecord.Canonical(Scored(Quiet, 1)), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"revision\":1", ResultsRecord.Canonical(TheRescore[1]));
        Assert.Contains("\"revision\":1", ResultsRecord.Canonical(TheRescore[2]));
    }
}
