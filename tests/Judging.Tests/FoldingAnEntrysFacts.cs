using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.Judging.Entries;
using CsCheck;

namespace Campaign.Judging.Tests;

/// <summary>An entry's facts reach judging late, twice and in any order: the same facts give the same entry.</summary>
public sealed class FoldingAnEntrysFacts
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2021-06-01T02:00:00Z");
    private static readonly Guid Id = Guid.NewGuid();

    private static MediaReference[] Files(string sha) => [new(MediaRoles.Work, sha, 1, sha + ".mp4")];
    private static EntrySubmitted Submitted(string sha) => new(Id, "c", "video", "t", "dalian", "individual", "w", null, Files(sha), T0);
    private static EntryMediaChanged Changed(string sha, DateTimeOffset at) => new(Id, "c", "video", Files(sha), "w", at);
    private static MediaChecked Check(string? sha, Verdict verdict, DateTimeOffset at) =>
        new(Id, "c", "video", verdict, [new Finding("V2", FindingStatus.Pass, $"{sha} {at:HH:mm:ss}", null, "")], at, sha is null ? null : [sha]);
    private static EntryReviewed Reviewed(bool approved) => new(Id, "c", "video", approved, approved ? null : "模糊", "r", T0.AddDays(1));

    /// <summary>The facts of one entry and what they must give: the newest files, the newest verdict naming them, the exclusion.</summary>
    private sealed record Lifecycle(object[] Facts, string Newest, MediaChecked? Applied, bool Excluded);

    // Each version's file comes from a small pool, so a later version may bring back an earlier file.
    private static readonly Gen<Lifecycle> Lifecycles =
        from changes in Gen.Int[0, 3]
        from files in Gen.Int[0, 3].Array[changes + 1]
        from gaps in Gen.Int[1, 600].Array[changes]
        from verdicts in (from v in Gen.Enum<Verdict>() from delay in Gen.Int[1, 900] select (v, delay)).Array[0, 2].Array[changes + 1]
        from withdrawn in Gen.Int[0, 3]
        from disqualified in Gen.Int[0, 3]
        select Build(files, gaps, verdicts, withdrawn == 0, disqualified == 0);

    private static Lifecycle Build(int[] files, int[] gaps, (Verdict Verdict, int Delay)[][] verdicts, bool withdrawn, bool disqualified)
    {
        var at = new DateTimeOffset[files.Length];
        at[0] = T0;
        for (var i = 1; i < files.Length; i++) at[i] = at[i - 1].AddSeconds(gaps[i - 1]);
        var sha = files.Select(f => $"sha-{f}").ToArray();
        var checks = verdicts.SelectMany((vs, i) => vs.Select(v => Check(sha[i], v.Verdict, at[i].AddSeconds(v.Delay)))).ToList();
        List<object> facts = [Submitted(sha[0]), .. sha.Skip(1).Select((s, i) => Changed(s, at[i + 1])), .. checks];
        if (withdrawn) facts.Add(new EntryWithdrawn(Id, "c", "video", "w", T0.AddDays(2)));
        if (disqualified) facts.Add(new EntryDisqualified(Id, "c", "video", "C1", "o", T0.AddDays(3)));
        var applied = checks.Where(c => c.Media![0] == sha[^1]).OrderBy(c => c.CheckedAt).ThenBy(c => c.Verdict).LastOrDefault();
        return new Lifecycle([.. facts], sha[^1], applied, withdrawn || disqualified);
    }

    /// <summary>An order of arrival: every fact at least once, some twice.</summary>
    private static Gen<object[]> Arrivals(object[] facts) =>
        Gen.Int[1, 2].Array[facts.Length].SelectMany(copies => Gen.Shuffle(facts.SelectMany((f, i) => Enumerable.Repeat(f, copies[i])).ToArray()));

    /// <summary>The first fact creates the entry, the rest apply to it: the stream's snapshot does the same.</summary>
    private static JudgingEntry Fold(IEnumerable<object> arrivals) => arrivals.Skip(1).Aggregate(Create(arrivals.First()), Apply);

    private static JudgingEntry Create(object fact) => fact switch
    {
        EntrySubmitted e => JudgingEntry.Create(e),
        EntryMediaChanged e => JudgingEntry.Create(e),
        MediaChecked e => JudgingEntry.Create(e),
        EntryWithdrawn e => JudgingEntry.Create(e),
        EntryDisqualified e => JudgingEntry.Create(e),
        _ => throw new ArgumentException(fact.GetType().Name),
    };

    private static JudgingEntry Apply(JudgingEntry entry, object fact) => fact switch
    {
        EntrySubmitted e => entry.Apply(e),
        EntryMediaChanged e => entry.Apply(e),
        MediaChecked e => entry.Apply(e),
        EntryWithdrawn e => entry.Apply(e),
        EntryDisqualified e => entry.Apply(e),
        EntryReviewed e => entry.Apply(e),
        EntryJudged e => entry.Apply(e),
        _ => throw new ArgumentException(fact.GetType().Name),
    };

    private static string Seen(JudgingEntry e) =>
        $"{e.Review} {e.MediaVerdict} {string.Join(",", e.Media?.Select(m => m.Sha256) ?? [])} {e.Findings?.Single().Measured} excluded={e.Excluded} {e.Title}";

    private static string Describe(object fact) => fact switch
    {
        EntrySubmitted e => $"submitted {e.Media[0].Sha256}",
        EntryMediaChanged e => $"changed {e.Media[0].Sha256} {e.ChangedAt:HH:mm:ss}",
        MediaChecked e => $"checked {e.Media?[0]} {e.Verdict} {e.CheckedAt:HH:mm:ss}",
        _ => fact.GetType().Name,
    };

    [Fact]
    public void Every_order_of_an_entrys_facts_with_duplicates_gives_the_same_entry_with_the_verdict_on_its_newest_files()
    {
        Lifecycles.SelectMany(l => Arrivals(l.Facts).Array[4], (l, orders) => (Lifecycle: l, Orders: orders)).Sample(c =>
        {
            var expected = c.Lifecycle.Applied switch
            {
                null => ReviewState.AwaitingCheck,
                { Verdict: Verdict.Failed } => ReviewState.AwaitingCheck,
                _ => ReviewState.AwaitingReview,
            };
            foreach (var order in c.Orders)
            {
                var entry = Fold(order);
                Assert.Equal(c.Lifecycle.Newest, Assert.Single(entry.Media!).Sha256);
                Assert.Equal(c.Lifecycle.Applied?.Verdict, entry.MediaVerdict);
                Assert.Equal(c.Lifecycle.Applied?.Findings.Single().Measured, entry.Findings?.Single().Measured);
                Assert.Equal(expected, entry.Review);
                Assert.Equal(c.Lifecycle.Excluded, entry.Excluded);
                Assert.Equal("t", entry.Title);
            }
            Assert.Single(c.Orders.Select(o => Seen(Fold(o))).Distinct());
        }, iter: 2000, print: c => string.Join(" | ", c.Lifecycle.Facts.Select(Describe)));
    }

    [Fact]
    public void A_verdict_on_files_since_replaced_is_kept_but_not_applied_and_applies_once_its_files_are_current()
    {
        var entry = JudgingEntry.Create(Submitted("a")).Apply(Changed("b", T0.AddMinutes(5))).Apply(Check("a", Verdict.Passed, T0.AddMinutes(1)));
        Assert.Equal((ReviewState.AwaitingCheck, null), (entry.Review, entry.MediaVerdict));
        Assert.Single(entry.Verdicts!);

        var early = JudgingEntry.Create(Check("b", Verdict.NeedsReview, T0.AddMinutes(6))).Apply(Submitted("a"));
        Assert.Equal(ReviewState.AwaitingCheck, early.Review);
        Assert.Equal((ReviewState.AwaitingReview, Verdict.NeedsReview), (early.Apply(Changed("b", T0.AddMinutes(5))).Review, early.Apply(Changed("b", T0.AddMinutes(5))).MediaVerdict));
    }

    [Fact]
    public void A_verdict_that_names_no_files_comes_from_an_older_producer_and_applies_to_the_files_the_entry_has()
    {
        Assert.Equal(ReviewState.AwaitingReview, JudgingEntry.Create(Submitted("a")).Apply(Check(null, Verdict.Passed, T0)).Review);
        Assert.Equal(ReviewState.AwaitingReview, JudgingEntry.Create(Check(null, Verdict.Passed, T0)).Apply(Submitted("a")).Review);
    }

    [Fact]
    public void Files_replaced_after_review_but_before_judging_are_checked_and_reviewed_again()
    {
        var approved = JudgingEntry.Create(Submitted("a")).Apply(Check("a", Verdict.Passed, T0.AddMinutes(1))).Apply(Reviewed(true));
        var replaced = approved.Apply(Changed("b", T0.AddMinutes(5)));
        Assert.Equal((ReviewState.AwaitingCheck, null), (replaced.Review, replaced.MediaVerdict));
        Assert.Equal(ReviewState.AwaitingReview, replaced.Apply(Check("b", Verdict.Passed, T0.AddMinutes(6))).Review);

        var rejected = JudgingEntry.Create(Submitted("a")).Apply(Check("a", Verdict.Passed, T0.AddMinutes(1))).Apply(Reviewed(false));
        Assert.Equal((ReviewState.AwaitingCheck, null), (rejected.Apply(Changed("b", T0.AddMinutes(5))).Review, rejected.Apply(Changed("b", T0.AddMinutes(5))).RejectionReason));
    }

    [Fact]
    public void A_replacement_heard_after_judging_or_older_than_the_files_the_entry_has_changes_nothing()
    {
        var approved = JudgingEntry.Create(Submitted("a")).Apply(Changed("b", T0.AddMinutes(5))).Apply(Check("b", Verdict.Passed, T0.AddMinutes(6))).Apply(Reviewed(true));
        Assert.Same(approved, approved.Apply(Changed("c", T0.AddMinutes(1))));
        Assert.Same(approved, approved.Apply(Changed("b", T0.AddMinutes(5))));
        var judged = approved.Apply(new EntryJudged(Id, "c", "video", "dalian", [], 80m, "mean", T0.AddDays(5)));
        Assert.Same(judged, judged.Apply(Changed("d", T0.AddDays(6))));
        Assert.Same(judged, judged.Apply(Check("d", Verdict.Failed, T0.AddDays(6))));
    }

    [Fact]
    public void A_withdrawal_or_disqualification_heard_before_the_entry_is_kept()
    {
        var withdrawn = JudgingEntry.Create(new EntryWithdrawn(Id, "c", "video", "w", T0)).Apply(Submitted("a")).Apply(Check("a", Verdict.Passed, T0));
        var disqualified = JudgingEntry.Create(new EntryDisqualified(Id, "c", "video", "C1", "o", T0)).Apply(Submitted("a"));
        Assert.True(withdrawn.Excluded && disqualified.Excluded);
        Assert.False(withdrawn.AwaitingReview);
    }
}
