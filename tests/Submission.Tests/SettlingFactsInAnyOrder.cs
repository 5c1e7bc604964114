using Campaign.Contracts.Awards;
using Campaign.Campaigns;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.WithdrawingEntry;
using CsCheck;

namespace Campaign.Submission.Tests;

/// <summary>
/// Random lifecycles of an entry, each fed in random orders with duplicates through the same
/// <c>Create</c>/<c>Apply</c> that Marten's inline snapshot runs. The stream always begins with
/// consent and the submission (or the held draft), appended together by <c>StartStream</c>; every
/// later fact may come in any order, since facts from other services race each other and replicas.
/// </summary>
public sealed class SettlingFactsInAnyOrder
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2021-06-01T02:00:00Z");
    private static readonly Guid Id = Guid.Parse("0190a000-0000-7000-8000-000000000001");

    private static string Sha(int version) => new((char)('a' + version), 64);
    private static MediaReference[] Files(int version) => [new(MediaRoles.Work, Sha(version), 1000, $"work-{version}.mp4")];
    private static Verdict VerdictOf(int code) => (Verdict)(code - 1);

    /// <summary>A lifecycle in the order it happened, and what any order of it must settle to.</summary>
    public sealed record Lifecycle(object[] Start, object[] Facts, EntryStatus Status, Verdict? Verdict, decimal? JudgesScore, string Plan)
    {
        public override string ToString() => $"{Plan}: {string.Join(", ", Facts.Select(f => f.GetType().Name))}";
    }

    private static readonly Gen<Lifecycle> Lifecycles =
        from held in Gen.Bool
        from awaitingAffiliation in Gen.Bool
        from versions in Gen.Int[1, 3]
        from checks in Gen.Int[0, 3].Array[3] // per version: 0 none, else 1 + verdict
        from rejected in Gen.Bool.Array[3]
        from stale in Gen.Int[0, 3].Array[3] // a verdict on replaced files, heard after the change
        from review in Gen.Int[0, 2] // on the last files: 0 none, 1 approved, 2 rejected
        from publications in Gen.Int[0, 2]
        from judged in Gen.Bool
        from engagement in Gen.Bool
        from award in Gen.Int[0, 2] // 0 none, 1 won, 2 not won
        from ending in Gen.Int[0, 2] // 0 none, 1 withdrawn before judging, 2 disqualified
        from endingAt in Gen.Int[0, 100]
        select Build(held, awaitingAffiliation, versions, checks, rejected, stale, review, publications, judged, engagement, award, ending, endingAt);

    private static Lifecycle Build(bool held, bool awaitingAffiliation, int versions, int[] checks, bool[] rejected, int[] stale, int review,
        int publications, bool judged, bool engagement, int award, int ending, int endingAt)
    {
        var submitted = new EntrySubmitted(Id, "liaoning-2021", "video", "奋斗者", "yingkou", "individual", "worker-1", null, Files(0), T0);
        object[] start = held
            ? [new ConsentGiven(Id, "c1-v1", "worker-1", T0), new EntryHeld(Id, submitted, ["worker-1", "worker-2"], ["worker-2"], awaitingAffiliation, T0)]
            : [new ConsentGiven(Id, "c1-v1", "worker-1", T0), submitted];

        var facts = new List<Func<DateTimeOffset, object>>();
        if (held)
        {
            facts.Add(at => new MemberConfirmed(Id, "worker-2", at));
            if (awaitingAffiliation) facts.Add(at => new AffiliationConfirmed(Id, "yingkou", "admin-yingkou", at));
            facts.Add(_ => submitted);
        }
        for (var v = 0; v < versions; v++)
        {
            var version = v;
            if (checks[v] > 0) facts.Add(Check(version, VerdictOf(checks[v])));
            if (v == versions - 1) break;
            if (rejected[v]) facts.Add(at => new EntryReviewed(Id, "liaoning-2021", "video", false, $"第{version}版有水印", "reviewer-1", at));
            facts.Add(at => new EntryMediaChanged(Id, "liaoning-2021", "video", Files(version + 1), "worker-1", at));
            if (stale[v] > 0) facts.Add(Check(version, VerdictOf(stale[v])));
        }
        var ownFactsEnd = facts.Count; // the submitter's own decisions come before the terminal one
        var approved = review == 1;
        if (review > 0) facts.Add(at => new EntryReviewed(Id, "liaoning-2021", "video", approved, approved ? null : "片尾有商业广告", "reviewer-1", at));
        for (var i = 0; approved && i < publications; i++)
        {
            var platform = $"platform-{i}";
            facts.Add(at => new EntryPublished(Id, "liaoning-2021", "video", platform, $"https://example.org/{platform}", "organizer", at));
        }
        judged &= approved;
        engagement &= approved && publications > 0;
        var judgedAt = facts.Count;
        if (judged) facts.Add(at => new EntryJudged(Id, "liaoning-2021", "video", "yingkou", [new JudgeScore("judge-1", 80)], 80, "mean", at));
        if (engagement) facts.Add(at => new EngagementScored(Id, "liaoning-2021", "video", new Dictionary<string, long> { ["views"] = 100 }, 60, "e1-v1", at));
        var decided = judged && award > 0;
        if (decided) facts.Add(at => new AwardDecided(Id, Guid.Empty, 1, 74, award == 1 ? "first" : null, award == 1 ? "一等奖" : null, at));
        // A3: a certificate, then its re-issue after a re-allocation.
        if (decided && award == 1) facts.AddRange([at => Certificate("CODE-1", at), at => Certificate("CODE-2", at)]);

        // C1: withdrawn only before judging; disqualified at any stage; late news from other services may follow either.
        if (ending == 1) facts.Insert(ownFactsEnd + endingAt % (judgedAt - ownFactsEnd + 1), at => new EntryWithdrawn(Id, "liaoning-2021", "video", "worker-1", at));
        if (ending == 2) facts.Insert(ownFactsEnd + endingAt % (facts.Count - ownFactsEnd + 1), at => new EntryDisqualified(Id, "liaoning-2021", "video", "侵权", "organizer", at));

        var lastVerdict = checks[versions - 1] > 0 ? VerdictOf(checks[versions - 1]) : (Verdict?)null;
        var status = ending switch
        {
            1 => EntryStatus.Withdrawn,
            2 => EntryStatus.Disqualified,
            _ when decided => award == 1 ? EntryStatus.Awarded : EntryStatus.NotAwarded,
            _ when engagement => EntryStatus.EngagementScored,
            _ when judged => EntryStatus.Judged,
            _ when approved && publications > 0 => EntryStatus.Published,
            _ when review > 0 => approved ? EntryStatus.Approved : EntryStatus.Rejected,
            _ when lastVerdict is not null => EntryStatus.MediaChecked,
            _ => EntryStatus.Submitted,
        };
        var plan = $"held={held} versions={versions} checks=[{string.Join(',', checks)}] rejected=[{string.Join(',', rejected)}] stale=[{string.Join(',', stale)}] " +
                   $"review={review} publications={publications} judged={judged} engagement={engagement} award={award} ending={ending}";
        return new(start, facts.Select((fact, i) => fact(T0.AddMinutes(i + 1))).ToArray(), status, lastVerdict, judged ? 80 : null, plan);
    }

    private static CertificateIssued Certificate(string code, DateTimeOffset at) =>
        new(code, "liaoning-2021", "video", Id, Guid.Empty, "荣誉证书", "张三", "individual", "作品", "活动", "微视频", "first", "一等奖", ["主办"],
            DateOnly.FromDateTime(at.UtcDateTime), $"https://example.org/ui/verify/{code}", null, "organizer", at);

    private static Func<DateTimeOffset, object> Check(int version, Verdict verdict) =>
        at => new MediaChecked(Id, "liaoning-2021", "video", verdict, [], at, [Sha(version)]);

    /// <summary>A lifecycle and one order of arrival of its facts, with some facts heard twice.</summary>
    private static readonly Gen<(Lifecycle Lifecycle, object[] Arrival)> Arrivals =
        from lifecycle in Lifecycles
        from keys in Gen.Int[0, 1_000_000].Array[lifecycle.Facts.Length + 4]
        from duplicates in Gen.Int[0, Math.Max(0, lifecycle.Facts.Length - 1)].Array[0, lifecycle.Facts.Length == 0 ? 0 : 4]
        select (lifecycle, lifecycle.Facts.Concat(duplicates.Select(i => lifecycle.Facts[i]))
            .Select((fact, i) => (fact, key: keys[i])).OrderBy(x => x.key).Select(x => x.fact).ToArray());

    /// <summary>What Marten's inline snapshot does: <c>Create</c> for the first event that has one, <c>Apply</c> after it.</summary>
    private static IEnumerable<(object Fact, Entry Entry)> Fold(IEnumerable<object> stream)
    {
        Entry? entry = null;
        foreach (var fact in stream)
        {
            entry = (entry, fact) switch
            {
                (null, ConsentGiven) => null,
                (null, EntrySubmitted e) => Entry.Create(e),
                (null, EntryHeld e) => Entry.Create(e),
                (null, _) => throw new InvalidOperationException($"the stream began with {fact.GetType().Name}"),
                ({ } current, _) => Apply(current, fact),
            };
            if (entry is not null) yield return (fact, entry);
        }
    }

    private static Entry Apply(Entry entry, object fact) => fact switch
    {
        ConsentGiven => entry,
        EntryHeld => entry,
        EntrySubmitted e => entry.Apply(e),
        MemberConfirmed e => entry.Apply(e),
        AffiliationConfirmed e => entry.Apply(e),
        AffiliationDeclined e => entry.Apply(e),
        MediaChecked e => entry.Apply(e),
        EntryReviewed e => entry.Apply(e),
        EntryPublished e => entry.Apply(e),
        EntryJudged e => entry.Apply(e),
        EngagementScored e => entry.Apply(e),
        AwardDecided e => entry.Apply(e),
        CertificateIssued e => entry.Apply(e),
        EntryMediaChanged e => entry.Apply(e),
        EntryWithdrawn e => entry.Apply(e),
        EntryDisqualified e => entry.Apply(e),
        _ => throw new InvalidOperationException($"no Apply for {fact.GetType().Name}"),
    };

    /// <summary>What the entry says, without the order-bearing lists it keeps to get there.</summary>
    private static object Settled(Entry e) => (e.Status, e.MediaVerdict, e.JudgesScore, e.EngagementScore, e.FinalScore, e.Award, e.RejectionReason,
        string.Join(',', e.Media ?? []), string.Join(',', e.AwaitingMembers ?? []), e.AwaitingAffiliation, e.Draft is null, e.Certificate);

    [Fact]
    public void The_same_facts_in_any_order_and_heard_twice_settle_the_same_entry() =>
        Arrivals.Sample((lifecycle, arrival) =>
        {
            var inOrder = Fold(lifecycle.Start.Concat(lifecycle.Facts)).Last().Entry;
            var anyOrder = Fold(lifecycle.Start.Concat(arrival)).Last().Entry;

            Assert.Equal((lifecycle.Status, lifecycle.Verdict, lifecycle.JudgesScore), (inOrder.Status, inOrder.MediaVerdict, inOrder.JudgesScore));
            Assert.Equal(Settled(inOrder), Settled(anyOrder));
            Assert.Equal(lifecycle.Facts.OfType<CertificateIssued>().LastOrDefault()?.Code, anyOrder.Certificate);
        }, iter: 3000);

    [Fact]
    public void The_status_only_moves_forward_but_for_new_files_before_judging_and_a_closed_entry_stays_closed() =>
        Arrivals.Sample((lifecycle, arrival) =>
        {
            Entry? before = null;
            foreach (var (fact, after) in Fold(lifecycle.Start.Concat(arrival)))
            {
                if (before is not null)
                {
                    // P1: the one step back — replaced files are checked and reviewed again, before the work is past review.
                    var steppedBack = fact is EntryMediaChanged && !before.IsClosed && !before.IsJudged
                                      && before.Status.Rank() < EntryStatus.Published.Rank();
                    Assert.True(after.Status.Rank() >= before.Status.Rank() || steppedBack,
                        $"{fact.GetType().Name} moved {before.Status} back to {after.Status}");
                    if (before.IsClosed) Assert.True(after.IsClosed, $"{fact.GetType().Name} reopened a {before.Status} entry");
                    if (after.IsClosed) Assert.True(after.Award is null, $"a {after.Status} entry shows the award {after.Award} after {fact.GetType().Name}");
                }
                before = after;
            }
        }, iter: 3000);

    [Fact]
    public void C1_once_judged_an_entry_can_no_longer_be_withdrawn_whatever_arrives_after() =>
        Arrivals.Sample((lifecycle, arrival) =>
        {
            var judgedHeard = false;
            foreach (var (fact, entry) in Fold(lifecycle.Start.Concat(arrival)))
            {
                judgedHeard |= fact is EntryJudged;
                if (judgedHeard)
                    Assert.Equal("C1", Assert.Throws<RuleViolationException>(() => WithdrawEntryDecision.Decide(entry, "worker-1", T0)).RuleId);
            }
        }, iter: 3000);
}
