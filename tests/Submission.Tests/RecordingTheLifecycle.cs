using Campaign.Campaigns;
using Campaign.Contracts.Engagement;
using Campaign.Contracts.Judging;
using Campaign.Contracts.MediaCheck;
using Campaign.Contracts.Submission;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.ReplacingMedia;

namespace Campaign.Submission.Tests;

public sealed class RecordingTheLifecycle
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    private static readonly DateTimeOffset June = DateTimeOffset.Parse("2021-06-01T02:00:00Z");
    private static readonly string Old = new('a', 64), New = new('b', 64);

    private static Entry Submitted() => Entry.Create(new EntrySubmitted(Guid.NewGuid(), "liaoning-2021", "video", "t", "yingkou",
        "individual", "worker-1", null, [new MediaReference(MediaRoles.Work, Old, 1000, "old.mp4")], June));

    private static MediaChecked Checked(Verdict verdict, DateTimeOffset at, IReadOnlyList<string>? media) =>
        new(Guid.Empty, "liaoning-2021", "video", verdict, [], at, media);

    private static EntryMediaChanged Replaced(DateTimeOffset at) =>
        new(Guid.Empty, "liaoning-2021", "video", [new MediaReference(MediaRoles.Work, New, 1000, "new.mp4")], "worker-1", at);

    [Fact]
    public void A_verdict_on_files_since_replaced_is_kept_but_never_becomes_the_entrys_verdict()
    {
        var entry = Submitted().Apply(Replaced(June.AddMinutes(1))).Apply(Checked(Verdict.Failed, June.AddMinutes(2), [Old]));

        Assert.Equal((EntryStatus.Submitted, (Verdict?)null), (entry.Status, entry.MediaVerdict));
        Assert.Single(entry.Verdicts!);
        var current = entry.Apply(Checked(Verdict.Passed, June.AddMinutes(3), [New]));
        Assert.Equal((EntryStatus.MediaChecked, (Verdict?)Verdict.Passed), (current.Status, current.MediaVerdict));
    }

    [Fact]
    public void A_verdict_that_names_no_media_comes_from_an_old_producer_and_applies_to_the_files_of_the_moment()
    {
        var entry = Submitted().Apply(Checked(Verdict.NeedsReview, June.AddMinutes(1), null));
        Assert.Equal((EntryStatus.MediaChecked, (Verdict?)Verdict.NeedsReview), (entry.Status, entry.MediaVerdict));
        Assert.Null(entry.Apply(Replaced(June.AddMinutes(2))).MediaVerdict);
    }

    [Fact]
    public void P1_new_files_send_a_rejected_work_back_to_be_checked_and_reviewed_again()
    {
        var rejected = Submitted().Apply(Checked(Verdict.Passed, June.AddMinutes(1), [Old]))
            .Apply(new EntryReviewed(Guid.Empty, "liaoning-2021", "video", false, "有水印", "reviewer-1", June.AddMinutes(2)));

        var replaced = rejected.Apply(Replaced(June.AddMinutes(3)));

        Assert.Equal((EntryStatus.Submitted, (Verdict?)null), (replaced.Status, replaced.MediaVerdict));
        Assert.Equal([New], replaced.Media);
    }

    [Fact]
    public void Of_two_replacements_heard_out_of_order_the_newer_files_are_the_entrys()
    {
        var first = Replaced(June.AddMinutes(1)) with { Media = [new MediaReference(MediaRoles.Work, New, 1000, "new.mp4")] };
        var second = Replaced(June.AddMinutes(2)) with { Media = [new MediaReference(MediaRoles.Work, new string('c', 64), 1000, "newer.mp4")] };

        Assert.Equal([new string('c', 64)], Submitted().Apply(second).Apply(first).Media);
    }

    [Fact]
    public void A_judges_score_heard_after_the_engagement_score_is_still_the_entrys()
    {
        var entry = Submitted()
            .Apply(new EngagementScored(Guid.Empty, "liaoning-2021", "video", new Dictionary<string, long>(), 60, "e1-v1", June.AddMinutes(2)))
            .Apply(new EntryJudged(Guid.Empty, "liaoning-2021", "video", "yingkou", [], 80, "mean", June.AddMinutes(1)));

        Assert.Equal((EntryStatus.EngagementScored, 80m, 60m), (entry.Status, entry.JudgesScore, entry.EngagementScore));
    }

    [Fact]
    public void P1_files_can_no_longer_be_replaced_once_the_work_is_approved()
    {
        var approved = Submitted().Apply(new EntryReviewed(Guid.Empty, "liaoning-2021", "video", true, null, "reviewer-1", June.AddMinutes(1)));
        var media = new[] { new MediaReference(MediaRoles.Work, New, 1000, "new.mp4") };

        var refused = Assert.Throws<RuleViolationException>(() => ReplaceMediaDecision.Decide(Liaoning, approved, media, "worker-1", June.AddMinutes(2)));

        Assert.Equal(("P1", 409), (refused.RuleId, refused.Status));
        Assert.IsType<EntryMediaChanged>(ReplaceMediaDecision.Decide(Liaoning, Submitted(), media, "worker-1", June.AddMinutes(2)));
    }
}
