using Campaign.Campaigns;
using Campaign.Contracts.Judging;
using Campaign.Contracts.Submission;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.DisqualifyingEntry;
using Campaign.Submission.Entries.WithdrawingEntry;

namespace Campaign.Submission.Tests;

public sealed class WithdrawingAndDisqualifying
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2021-06-01T02:00:00Z");

    private static Entry Submitted() => Entry.Create(new EntrySubmitted(Guid.NewGuid(), "liaoning-2021", "video", "t", "dalian",
        "individual", "worker-1", null, [], Now));

    [Fact]
    public void C1_a_submitter_withdraws_before_judging() =>
        Assert.Equal("worker-1", WithdrawEntryDecision.Decide(Submitted(), "worker-1", Now).WithdrawnBy);

    [Fact]
    public void C1_a_judged_entry_can_no_longer_be_withdrawn()
    {
        var judged = Submitted().Apply(new EntryJudged(Guid.Empty, "liaoning-2021", "video", "dalian", [], 80, "mean", Now));
        Assert.Equal(409, Assert.Throws<RuleViolationException>(() => WithdrawEntryDecision.Decide(judged, "worker-1", Now)).Status);
    }

    [Fact]
    public void C1_disqualification_needs_a_reason_and_happens_once()
    {
        Assert.Equal("C1", Assert.Throws<RuleViolationException>(() => DisqualifyEntryDecision.Decide(Submitted(), " ", "organizer", Now)).RuleId);
        var disqualified = Submitted().Apply(DisqualifyEntryDecision.Decide(Submitted(), "侵权", "organizer", Now));
        Assert.Equal(EntryStatus.Disqualified, disqualified.Status);
        Assert.Throws<RuleViolationException>(() => DisqualifyEntryDecision.Decide(disqualified, "again", "organizer", Now));
    }

    [Fact]
    public void A_disqualified_entry_stays_disqualified_when_late_news_arrives()
    {
        var entry = Submitted().Apply(new EntryDisqualified(Guid.Empty, "liaoning-2021", "video", "侵权", "organizer", Now))
            .Apply(new EntryJudged(Guid.Empty, "liaoning-2021", "video", "dalian", [], 80, "mean", Now));
        Assert.Equal(EntryStatus.Disqualified, entry.Status);
        Assert.Equal(80, entry.JudgesScore);
    }

    [Fact]
    public void P1_the_submitter_sees_why_the_work_was_rejected()
    {
        var rejected = Submitted().Apply(new EntryReviewed(Guid.Empty, "liaoning-2021", "video", false, "片尾有商业广告", "reviewer-1", Now));
        Assert.Equal((EntryStatus.Rejected, "片尾有商业广告"), (rejected.Status, rejected.RejectionReason));
    }
}

public sealed class RosterDeadline
{
    [Fact]
    public void T1_S3_rosters_of_the_2021_campaign_were_due_by_20_May_in_Asia_Shanghai()
    {
        var liaoning = CampaignCatalog.LoadDefault();
        var roster = new Rosters.SubmitRoster("shenyang", [new Contracts.Submission.RosterRow(0, "劳模", "单位 职务", "荣誉")], "联系人", "138", "admin",
            DateTimeOffset.Parse("2021-05-20T15:59:00Z"));
        Assert.Equal("shenyang", Rosters.SubmitRosterDecision.Decide(liaoning, null, roster).OrganizationId);
        Assert.Equal("T1", Assert.Throws<RuleViolationException>(() =>
            Rosters.SubmitRosterDecision.Decide(liaoning, null, roster with { Now = DateTimeOffset.Parse("2021-05-20T16:00:01Z") })).RuleId);
    }

    /// <summary>Rosters stored before their stream id had a helper of its own must stay readable: the id is computed as it always was.</summary>
    [Fact]
    public void A_citys_roster_keeps_its_stream_id() =>
        Assert.Equal(Guid.Parse("b18ca752-51d2-c01d-5a29-33783edd866d"), Rosters.Roster.StreamId("liaoning-2021", "shenyang"));
}
