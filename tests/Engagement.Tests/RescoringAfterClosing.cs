using Campaign.Campaigns;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Engagement.Closing;
using Campaign.Engagement.Entries;

namespace Campaign.Engagement.Tests;

/// <summary>C1, E1: a work that leaves after engagement of its category closed leaves the category's scaling too.</summary>
public sealed class RescoringAfterClosing
{
    private static readonly CampaignDefinition Test = CampaignCatalog.Load(Path.Combine(AppContext.BaseDirectory, "campaigns"), includeDefault: false).Find("test-2026")!;
    private static readonly DateTimeOffset Opens = DateTimeOffset.Parse("2026-06-01T00:00:00Z");
    private static readonly DateTimeOffset Later = Opens.AddDays(40);
    private static readonly Guid Top = new("00000000-0000-0000-0000-000000000001"), Second = new("00000000-0000-0000-0000-000000000002"),
        Third = new("00000000-0000-0000-0000-000000000003"), Silent = new("00000000-0000-0000-0000-000000000004");

    private static EngagementEntry Work(Guid id, long views) =>
        EngagementEntry.Create(new EntryPublished(id, Test.Id, "clip", "site", $"https://x/{id}", "o", Opens))
            .WithSnapshot(new FiguresReported(id, "site", new Dictionary<string, long> { ["views"] = views }, "feed", Opens.AddHours(1)));

    /// <summary>The category closed with views 1 000 000, 400, 100 and 0 (test-2026's clip: linear).</summary>
    private static (IReadOnlyList<EngagementScored> Scored, EngagementClosed Closed) Closing() =>
        ClosingDecision.Decide(Test, "clip", [Work(Top, 1_000_000), Work(Second, 400), Work(Third, 100), Work(Silent, 0)], "organizer", Opens.AddDays(30));

    [Fact]
    public void C1_E1_Given_a_closed_category_When_its_top_work_is_disqualified_Then_the_others_are_scaled_again_among_the_works_still_in()
    {
        var (scored, closed) = Closing();
        Assert.Equal((0.04m, 0.01m), (scored.Single(s => s.EntryId == Second).Score, scored.Single(s => s.EntryId == Third).Score));

        var (rescored, revised) = RescoringDecision.Decide(closed, scored, Top, Later)!.Value;

        // 400 is now the top (100) and 100 is 25; the silent work scored 0 and still does, so it is not scored again.
        Assert.Equal([(Second, 100m, 1), (Third, 25m, 1)], rescored.Select(s => (s.EntryId, s.Score, s.Revision)));
        Assert.Equal(scored.Single(s => s.EntryId == Second) with { Score = 100m, ScoredAt = Later, Revision = 1 }, rescored[0]);
        Assert.Equal([Second, Third, Silent], revised.ScoredEntries);
        Assert.Equal((1, Later), (revised.Revision, revised.RevisedAt));
        Assert.Equal([Top], revised.Left!);
        Assert.Equal([Second, Third], revised.Rescored!);
        // The closing itself — who, when, the formula as applied — is the one it supersedes.
        Assert.Equal(closed with { ScoredEntries = revised.ScoredEntries, Revision = 1, Left = revised.Left, Rescored = revised.Rescored, RevisedAt = Later }, revised);
    }

    [Fact]
    public void C1_E1_Given_a_closed_category_When_a_work_below_the_top_is_withdrawn_Then_it_leaves_the_closing_and_no_other_score_changes()
    {
        var (scored, closed) = Closing();
        var (rescored, revised) = RescoringDecision.Decide(closed, scored, Third, Later)!.Value;
        Assert.Empty(rescored);
        Assert.Equal([Top, Second, Silent], revised.ScoredEntries);
        Assert.Equal([Third], revised.Left!);
        Assert.Empty(revised.Rescored!);
    }

    [Fact]
    public void C1_E1_a_work_that_is_not_scored_by_the_closing_in_force_changes_nothing_however_often_it_leaves()
    {
        var (scored, closed) = Closing();
        Assert.Null(RescoringDecision.Decide(closed, scored, Guid.NewGuid(), Later));
        var (rescored, revised) = RescoringDecision.Decide(closed, scored, Top, Later)!.Value;
        Assert.Null(RescoringDecision.Decide(revised, [.. scored, .. rescored], Top, Later.AddHours(1)));
    }

    [Fact]
    public void C1_E1_two_works_leaving_in_either_order_give_the_scores_of_a_closing_without_both()
    {
        var (scored, closed) = Closing();
        IReadOnlyDictionary<Guid, decimal> After(Guid first, Guid second)
        {
            var (once, revised) = RescoringDecision.Decide(closed, scored, first, Later)!.Value;
            var (twice, last) = RescoringDecision.Decide(revised, [.. scored, .. once], second, Later)!.Value;
            Assert.Equal(2, last.Revision);
            return last.ScoredEntries.ToDictionary(id => id, id => twice.Concat(once).Concat(scored).First(s => s.EntryId == id).Score);
        }
        var withoutBoth = ClosingDecision.Decide(Test, "clip", [Work(Third, 100), Work(Silent, 0)], "organizer", Opens.AddDays(30)).Scored
            .ToDictionary(s => s.EntryId, s => s.Score);
        Assert.Equal(withoutBoth, After(Top, Second));
        Assert.Equal(withoutBoth, After(Second, Top));
    }

    [Fact]
    public void E1_a_score_recorded_before_W_was_is_scaled_again_from_the_snapshots_it_used()
    {
        var (scored, closed) = Closing();
        var old = scored.Select(s => s with { Weighted = null }).ToList();
        Assert.Equal(RescoringDecision.Decide(closed, scored, Top, Later)!.Value.Rescored, RescoringDecision.Decide(closed, old, Top, Later)!.Value.Rescored
            .Select(s => s with { Weighted = scored.Single(x => x.EntryId == s.EntryId).Weighted }));
    }

    [Fact]
    public void C1_a_work_that_left_after_the_closing_is_no_longer_scored()
    {
        var (scored, _) = Closing();
        var entry = Work(Top, 1_000_000).Apply(scored.Single(s => s.EntryId == Top));
        Assert.Equal(100m, entry.Score);
        Assert.Null(entry.Apply(new Contracts.Submission.EntryDisqualified(Top, Test.Id, "clip", "侵权", "organizer", Later)).Score);
    }
}
