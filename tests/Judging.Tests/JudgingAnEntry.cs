using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.Judging.Entries;
using Campaign.Judging.Panels;
using Campaign.Judging.Publishing;
using Campaign.Judging.Reviewing;
using Campaign.Judging.Scoring;

namespace Campaign.Judging.Tests;

public sealed class JudgingAnEntry
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    private static readonly Category Video = Liaoning.FindCategory("video")!;
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2021-07-05T02:00:00Z");
    private static readonly string[] FiveJudges = ["j1", "j2", "j3", "j4", "j5"];

    private static JudgingEntry Checked(Verdict verdict = Verdict.Passed)
    {
        var id = Guid.NewGuid();
        return JudgingEntry.Create(new EntrySubmitted(id, "liaoning-2021", "video", "奋斗者", "dalian", "individual", "w", null, [], Now))
            .Apply(new MediaChecked(id, "liaoning-2021", "video", verdict, [], Now));
    }

    private static JudgingEntry Approved(Panel? panel = null)
    {
        var entry = Checked();
        entry = entry.Apply(ReviewDecision.Decide(entry, Video, new ReviewRequest(true, null, Video.HumanReviewItems), "r", Now));
        return Assign(panel ?? Panel(FiveJudges), entry);
    }

    private static JudgingEntry Assign(Panel panel, JudgingEntry entry, Category? category = null) =>
        Assignments.Plan(category ?? Video, panel, [entry], Now).Aggregate(entry, (e, a) => e.Apply(a));

    private static JudgingEntry Scored(JudgingEntry entry, Panel panel, string judge, decimal score, bool submit = true)
    {
        entry = entry.Apply(ScoreDecisions.Draft(Liaoning, panel, entry, judge, new ScoreRequest(score, null), Now));
        return submit ? ScoreDecisions.Submit(Liaoning, panel, entry, judge, Now).Aggregate(entry, Folded) : entry;
    }

    /// <summary>Applies a decided event by its own type, as the stream's snapshot does.</summary>
    private static JudgingEntry Folded(JudgingEntry entry, object @event) =>
        (JudgingEntry)typeof(JudgingEntry).GetMethod(nameof(JudgingEntry.Apply), [@event.GetType()])!.Invoke(entry, [@event])!;

    private static Panel Panel(params string[] judges) => PanelDecisions.Set(Video, null, "liaoning-2021", judges.Select(j => new Judge(j)).ToList());

    [Fact]
    public void Either_order_of_submission_and_media_check_gives_the_same_entry()
    {
        var id = Guid.NewGuid();
        var submitted = new EntrySubmitted(id, "c", "video", "t", "dalian", "individual", "w", null, [], Now);
        var check = new MediaChecked(id, "c", "video", Verdict.NeedsReview, [], Now);
        var a = JudgingEntry.Create(submitted).Apply(check);
        var b = JudgingEntry.Create(check).Apply(submitted);
        Assert.Equal((a.Title, a.OrganizationId, a.Review), (b.Title, b.OrganizationId, b.Review));
        Assert.True(a.AwaitingReview);
    }

    [Fact]
    public void P1_a_failed_media_check_never_reaches_review() =>
        Assert.Equal("P1", Assert.Throws<RuleViolationException>(() =>
            ReviewDecision.Decide(Checked(Verdict.Failed), Video, new ReviewRequest(true, null, Video.HumanReviewItems), "r", Now)).RuleId);

    [Fact]
    public void P1_a_rejection_needs_a_reason_for_the_submitter() =>
        Assert.Throws<RuleViolationException>(() => ReviewDecision.Decide(Checked(), Video, new ReviewRequest(false, ""), "r", Now));

    [Fact]
    public void P1_an_approval_without_every_human_review_item_confirmed_is_refused()
    {
        Assert.NotEmpty(Video.HumanReviewItems);
        var allButOne = Video.HumanReviewItems.Skip(1).ToList();
        var refusal = Assert.Throws<RuleViolationException>(() =>
            ReviewDecision.Decide(Checked(), Video, new ReviewRequest(true, null, allButOne), "r", Now));
        Assert.Equal("P1", refusal.RuleId);
        Assert.Contains(Video.HumanReviewItems[0], refusal.Message);
        Assert.Throws<RuleViolationException>(() => ReviewDecision.Decide(Checked(), Video, new ReviewRequest(true, null), "r", Now));
        Assert.True(ReviewDecision.Decide(Checked(), Video, new ReviewRequest(true, null, Video.HumanReviewItems), "r", Now).Approved);
    }

    [Fact]
    public void P1_a_rejection_needs_no_checklist() =>
        Assert.False(ReviewDecision.Decide(Checked(), Video, new ReviewRequest(false, "画面模糊"), "r", Now).Approved);

    [Fact]
    public void P1_works_are_published_only_after_approval_and_only_on_the_categorys_platforms()
    {
        var request = new PublicationRequest("yingkou-douyin", "https://v.douyin.com/x", null);
        Assert.Throws<RuleViolationException>(() => PublicationDecision.Decide(Liaoning, Video, Checked(), request, "o", Now));
        Assert.Equal("yingkou-douyin", PublicationDecision.Decide(Liaoning, Video, Approved(), request, "o", Now).PlatformId);
        Assert.Throws<RuleViolationException>(() => PublicationDecision.Decide(Liaoning, Video, Approved(), request with { PlatformId = "fuxin-douyin" }, "o", Now));
        Assert.Throws<RuleViolationException>(() => PublicationDecision.Decide(Liaoning, Video, Approved(), request with { Url = "javascript:alert(1)" }, "o", Now));
        Assert.Throws<RuleViolationException>(() => PublicationDecision.Decide(Liaoning, Video, Approved(), request with { PublishedAt = Now.AddHours(1) }, "o", Now));
        Assert.Equal(Now.AddDays(-2), PublicationDecision.Decide(Liaoning, Video, Approved(), request with { PublishedAt = Now.AddDays(-2) }, "o", Now).PublishedAt);
        // Nor before the category opened for entries (2021-05-10 00:00 in Shanghai), nor at an address longer than a URL is kept.
        Assert.Throws<RuleViolationException>(() => PublicationDecision.Decide(Liaoning, Video, Approved(), request with { PublishedAt = DateTimeOffset.Parse("2021-05-09T15:59:59Z") }, "o", Now));
        Assert.Equal(DateTimeOffset.Parse("2021-05-09T16:00:00Z"), PublicationDecision.Decide(Liaoning, Video, Approved(), request with { PublishedAt = DateTimeOffset.Parse("2021-05-09T16:00:00Z") }, "o", Now).PublishedAt);
        Assert.Throws<RuleViolationException>(() => PublicationDecision.Decide(Liaoning, Video, Approved(), request with { Url = "https://v.douyin.com/" + new string('x', 2000) }, "o", Now));
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(7, true)]
    [InlineData(8, false)]
    public void J1_a_panel_has_5_to_7_judges(int judges, bool valid)
    {
        var names = Enumerable.Range(1, judges).Select(i => $"j{i}").ToArray();
        if (valid) Assert.Equal(judges, Panel(names).Judges.Count);
        else Assert.Equal("J1", Assert.Throws<RuleViolationException>(() => Panel(names)).RuleId);
    }

    [Fact]
    public void J1_a_judge_named_twice_counts_once() =>
        Assert.Throws<RuleViolationException>(() => Panel("j1", "j1", "j2", "j3", "j4"));

    [Fact]
    public void J1_invited_judges_join_up_to_the_maximum()
    {
        Panel? panel = null;
        for (var i = 1; i <= 7; i++) panel = PanelDecisions.Join(Video, panel, "liaoning-2021", new Judge($"j{i}"));
        Assert.Equal(7, panel!.Judges.Count);
        Assert.Same(panel, PanelDecisions.Join(Video, panel, "liaoning-2021", new Judge("j3"))); // accepting twice seats once
        Assert.Equal("J1", Assert.Throws<RuleViolationException>(() => PanelDecisions.Join(Video, panel, "liaoning-2021", new Judge("j8"))).RuleId);
    }

    [Fact]
    public void J1_judging_does_not_close_with_fewer_judges_than_the_minimum()
    {
        var panel = new Panel("p", "liaoning-2021", "video", [new("j1"), new("j2")]);
        Assert.Equal("J1", Assert.Throws<RuleViolationException>(() => PanelDecisions.Close(Video, panel, [], "o", Now)).RuleId);
    }

    [Fact]
    public void J1_every_approved_entry_goes_to_every_judge_by_default()
    {
        var entry = Approved();
        Assert.Equal(FiveJudges, entry.AssignedJudges);
        Assert.False(Assignments.Understaffed(Video, entry));
    }

    [Fact]
    public void Conflict_a_judge_of_the_entrys_organization_is_excluded_and_the_entry_flagged_when_too_few_remain()
    {
        var panel = Panel(FiveJudges) with { Judges = [.. FiveJudges.Select(j => new Judge(j, OrganizationId: j == "j2" ? "dalian" : "shenyang"))] };
        var entry = Approved(panel); // the entry is from dalian
        Assert.Equal(["j1", "j3", "j4", "j5"], entry.AssignedJudges);
        Assert.True(Assignments.Understaffed(Video, entry)); // 4 < 5
        Assert.Equal(403, Assert.Throws<RuleViolationException>(() =>
            ScoreDecisions.Draft(Liaoning, panel, entry, "j2", new ScoreRequest(80, null), Now)).Status);
    }

    [Fact]
    public void Conflict_a_declared_conflict_removes_the_judge_and_the_others_complete_the_entry()
    {
        var panel = Panel(FiveJudges);
        var entry = Approved(panel);
        foreach (var j in FiveJudges.Take(4)) entry = Scored(entry, panel, j, 80);
        Assert.False(entry.Judged);
        Assert.Equal("J1", Assert.Throws<RuleViolationException>(() =>
            ScoreDecisions.DeclareConflict(panel, entry, "j5", new ConflictRequest(" "), Now)).RuleId);
        entry = entry.Apply(ScoreDecisions.DeclareConflict(panel, entry, "j5", new ConflictRequest("my student"), Now));
        Assert.Empty(Assignments.Plan(Video, panel, [entry], Now)); // not given back to j5
        var judged = ScoreDecisions.Complete(Liaoning, entry, Now);
        Assert.Equal(4, judged!.Scores.Count);
    }

    [Fact]
    public void J1_a_balanced_subset_gives_each_judge_an_equal_share_and_keeps_it_when_the_panel_grows()
    {
        var video = Video with { Panel = Video.Panel with { JudgesPerEntry = 3 } };
        var panel = Panel(FiveJudges);
        var entries = Enumerable.Range(0, 10).Select(_ => Approved(panel) with { Judges = null }).ToList();
        entries = Apply(entries, Assignments.Plan(video, panel, entries, Now));
        Assert.All(entries, e => Assert.Equal(3, e.AssignedJudges.Distinct().Count()));
        var load = FiveJudges.Select(j => entries.Count(e => e.AssignedJudges.Contains(j))).ToList();
        Assert.Equal(30, load.Sum());
        Assert.True(load.Max() - load.Min() <= 1, string.Join(",", load));
        Assert.Empty(Assignments.Plan(video, panel, entries, Now)); // stable

        var grown = panel with { Judges = [.. panel.Judges, new Judge("j6")] };
        var before = entries.ToDictionary(e => e.Id, e => e.AssignedJudges);
        entries = Apply(entries, Assignments.Plan(video, grown, entries, Now));
        Assert.All(entries, e => Assert.Equal(before[e.Id], e.AssignedJudges)); // full subsets keep their judges (their scores stand)
    }

    [Fact]
    public void J1_a_judge_who_leaves_the_panel_leaves_their_works_to_the_others_and_their_scores_stop_counting()
    {
        var panel = Panel(FiveJudges);
        var entry = Approved(panel);
        foreach (var j in new[] { "j1", "j2", "j3", "j4" }) entry = Scored(entry, panel, j, j == "j1" ? 10 : 80);
        var smaller = PanelDecisions.Leave(Video, panel, "j1");
        var replanned = Apply([entry], Assignments.Plan(Video, smaller, [entry], Now)).Single();
        Assert.Equal(["j2", "j3", "j4", "j5"], replanned.AssignedJudges);
        Assert.True(Assignments.Understaffed(Video, replanned)); // 4 < 5: the organizers see it
        replanned = Scored(replanned, smaller, "j5", 80, submit: false);
        var judged = Assert.IsType<EntryJudged>(ScoreDecisions.Submit(Liaoning, smaller, replanned, "j5", Now)[1]);
        Assert.Equal(80m, judged.JudgesScore); // j1's 10 no longer counts
        Assert.DoesNotContain(judged.Scores, s => s.JudgeId == "j1");
        Assert.Equal("J1", Assert.Throws<RuleViolationException>(() => PanelDecisions.Leave(Video, smaller, "j1")).RuleId);
        Assert.Throws<RuleViolationException>(() => PanelDecisions.Leave(Video, smaller with { Closed = true }, "j2"));
    }

    private static List<JudgingEntry> Apply(List<JudgingEntry> entries, IReadOnlyList<JudgesAssigned> plan) =>
        entries.Select(e => plan.Where(a => a.EntryId == e.Id).Aggregate(e, (x, a) => x.Apply(a))).ToList();

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(80.25)]
    public void J2_scores_are_0_to_100_with_one_decimal_at_most(decimal score) =>
        Assert.Equal("J2", Assert.Throws<RuleViolationException>(() =>
            ScoreDecisions.Draft(Liaoning, Panel(FiveJudges), Approved(), "j1", new ScoreRequest(score, null), Now)).RuleId);

    [Fact]
    public void J1_a_judge_outside_the_panel_cannot_score() =>
        Assert.Equal(403, Assert.Throws<RuleViolationException>(() =>
            ScoreDecisions.Draft(Liaoning, Panel(FiveJudges), Approved(), "j9", new ScoreRequest(80, null), Now)).Status);

    [Fact]
    public void J2_the_last_judges_submission_completes_the_entry_with_every_score_and_the_mean()
    {
        var panel = Panel(FiveJudges);
        var entry = Approved(panel);
        decimal[] scores = [90, 80, 70, 85, 76];
        for (var i = 0; i < 5; i++) entry = Scored(entry, panel, FiveJudges[i], scores[i], submit: i < 4);
        Assert.False(entry.Judged); // the fifth score is still a draft
        var last = ScoreDecisions.Submit(Liaoning, panel, entry, "j5", Now);
        var judged = Assert.IsType<EntryJudged>(last[1]);
        Assert.Equal(80.2m, judged.JudgesScore);
        Assert.Equal(scores, judged.Scores.Select(s => s.Score));
        Assert.Equal("dalian", judged.OrganizationId);
    }

    [Fact]
    public void J2_a_draft_changes_until_submitted_then_never()
    {
        var panel = Panel(FiveJudges);
        var entry = Scored(Approved(panel), panel, "j1", 10, submit: false);
        entry = Scored(entry, panel, "j1", 60);
        Assert.Equal(new Sheet(60, null, true), entry.SheetOf("j1"));
        Assert.Equal(409, Assert.Throws<RuleViolationException>(() =>
            ScoreDecisions.Draft(Liaoning, panel, entry, "j1", new ScoreRequest(70, null), Now)).Status);
        Assert.Equal("J2", Assert.Throws<RuleViolationException>(() => ScoreDecisions.Submit(Liaoning, panel, Approved(panel), "j2", Now)).RuleId);
    }

    [Fact]
    public void J2_the_plain_mean_by_default_and_a_trimmed_mean_when_configured()
    {
        decimal[] scores = [100, 70, 72, 74, 0];
        Assert.Equal(63.2m, ScoreAggregate.Compute(scores, "mean"));
        Assert.Equal(72m, ScoreAggregate.Compute(scores, "trimmed-mean"));
    }

    [Fact]
    public void J2_a_withdrawn_entry_is_not_scored()
    {
        var entry = Approved().Apply(new EntryWithdrawn(Guid.Empty, "liaoning-2021", "video", "w", Now));
        Assert.Equal(409, Assert.Throws<RuleViolationException>(() =>
            ScoreDecisions.Draft(Liaoning, Panel(FiveJudges), entry, "j1", new ScoreRequest(80, null), Now)).Status);
    }

    [Fact]
    public void Report_flags_disagreement_and_the_judge_who_scores_far_from_the_others()
    {
        var panel = Panel(FiveJudges);
        var calm = Approved(panel);
        var split = Approved(panel);
        foreach (var (j, i) in FiveJudges.Select((j, i) => (j, i)))
        {
            calm = Scored(calm, panel, j, j == "j5" ? 50 : 80 + i);
            split = Scored(split, panel, j, j == "j5" ? 20 : 60 + i % 2 * 10);
        }
        var report = PanelReport.Build(Liaoning, Video, panel, [calm, split]);
        var rows = report.Entries.ToDictionary(e => e.EntryId);
        Assert.False(rows[calm.Id].JudgesDisagree); // 80, 81, 82, 83, 50
        Assert.True(rows[split.Id].JudgesDisagree); // 60, 70, 60, 70, 20
        Assert.Equal((12.64m, 18.55m), (rows[calm.Id].StandardDeviation, rows[split.Id].StandardDeviation));
        Assert.True(report.Judges.Single(j => j.JudgeId == "j5").Outlier);
        Assert.DoesNotContain(report.Judges, j => j.JudgeId != "j5" && j.Outlier);
        Assert.Equal((10, 10), (report.SheetsSubmitted, report.SheetsAssigned));
    }

    [Fact]
    public void Closing_judging_lists_the_judged_entries_and_happens_once()
    {
        var panel = Panel(FiveJudges);
        var entries = new[] { Approved() with { Judged = true }, Approved() with { Judged = true } };
        var closed = PanelDecisions.Close(Video, panel, entries, "organizer", Now);
        Assert.Equal(entries.Select(e => e.Id).Order(), closed.JudgedEntries);
        Assert.Throws<RuleViolationException>(() => PanelDecisions.Close(Video, panel with { Closed = true }, entries, "organizer", Now));
    }
}
