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

    private static JudgingEntry Approved()
    {
        var entry = Checked();
        return entry.Apply(ReviewDecision.Decide(entry, new ReviewRequest(true, null), "r", Now));
    }

    private static Panel Panel(params string[] judges) => PanelDecisions.Set(Video, null, "liaoning-2021", judges);

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
            ReviewDecision.Decide(Checked(Verdict.Failed), new ReviewRequest(true, null), "r", Now)).RuleId);

    [Fact]
    public void P1_a_rejection_needs_a_reason_for_the_submitter() =>
        Assert.Throws<RuleViolationException>(() => ReviewDecision.Decide(Checked(), new ReviewRequest(false, ""), "r", Now));

    [Fact]
    public void P1_works_are_published_only_after_approval_and_only_on_the_categorys_platforms()
    {
        var request = new PublicationRequest("yingkou-douyin", "https://v.douyin.com/x", null);
        Assert.Throws<RuleViolationException>(() => PublicationDecision.Decide(Video, Checked(), request, "o", Now));
        Assert.Equal("yingkou-douyin", PublicationDecision.Decide(Video, Approved(), request, "o", Now).PlatformId);
        Assert.Throws<RuleViolationException>(() => PublicationDecision.Decide(Video, Approved(), request with { PlatformId = "fuxin-douyin" }, "o", Now));
        Assert.Throws<RuleViolationException>(() => PublicationDecision.Decide(Video, Approved(), request with { Url = "javascript:alert(1)" }, "o", Now));
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

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void J2_scores_are_0_to_100(decimal score) =>
        Assert.Equal("J2", Assert.Throws<RuleViolationException>(() =>
            ScoreDecision.Decide(Liaoning, Panel(FiveJudges), Approved(), "j1", new ScoreRequest(score, null), Now)).RuleId);

    [Fact]
    public void J1_a_judge_outside_the_panel_cannot_score() =>
        Assert.Equal(403, Assert.Throws<RuleViolationException>(() =>
            ScoreDecision.Decide(Liaoning, Panel(FiveJudges), Approved(), "j9", new ScoreRequest(80, null), Now)).Status);

    [Fact]
    public void J2_the_last_judges_score_completes_the_entry_with_every_score_and_the_mean()
    {
        var panel = Panel(FiveJudges);
        var entry = Approved();
        decimal[] scores = [90, 80, 70, 85, 76];
        object[] last = [];
        for (var i = 0; i < 5; i++)
        {
            last = ScoreDecision.Decide(Liaoning, panel, entry, FiveJudges[i], new ScoreRequest(scores[i], null), Now);
            entry = entry.Apply((ScoreGiven)last[0]);
            Assert.Equal(i == 4 ? 2 : 1, last.Length);
        }
        var judged = Assert.IsType<EntryJudged>(last[1]);
        Assert.Equal(80.2m, judged.JudgesScore);
        Assert.Equal(scores, judged.Scores.Select(s => s.Score));
        Assert.Equal("dalian", judged.OrganizationId);
    }

    [Fact]
    public void J2_a_judge_who_scores_again_replaces_their_score()
    {
        var entry = Approved();
        entry = entry.Apply((ScoreGiven)ScoreDecision.Decide(Liaoning, Panel(FiveJudges), entry, "j1", new ScoreRequest(10, null), Now)[0]);
        entry = entry.Apply((ScoreGiven)ScoreDecision.Decide(Liaoning, Panel(FiveJudges), entry, "j1", new ScoreRequest(60, null), Now)[0]);
        Assert.Equal(60, Assert.Single(entry.Scores!).Value);
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
            ScoreDecision.Decide(Liaoning, Panel(FiveJudges), entry, "j1", new ScoreRequest(80, null), Now)).Status);
    }

    [Fact]
    public void Closing_judging_lists_the_judged_entries_and_happens_once()
    {
        var panel = Panel(FiveJudges);
        var entries = new[] { Approved() with { Judged = true }, Approved() with { Judged = true } };
        var closed = PanelDecisions.Close(panel, entries, "organizer", Now);
        Assert.Equal(entries.Select(e => e.Id).Order(), closed.JudgedEntries);
        Assert.Throws<RuleViolationException>(() => PanelDecisions.Close(panel with { Closed = true }, entries, "organizer", Now));
    }
}
