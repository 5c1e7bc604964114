using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.SubmittingEntry;

namespace Campaign.Submission.Tests;

public sealed class SubmittingAnEntry
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();

    private static SubmitEntryRequest Video(string port = "individual", Consent? consent = null) =>
        new("liaoning-2021", "video", "奋斗者", "yingkou", port, consent ?? new Consent("c1-v1", true));

    private static SubmitEntry Command(SubmitEntryRequest r, DateTimeOffset now, bool admin = false) =>
        new(Guid.NewGuid(), r, "worker-1", admin, now, [new MediaReference("work", new string('a', 64), 1000, "work.mp4")]);

    // Beijing time is UTC+8: the window opens 2021-05-10 00:00 local = 2021-05-09 16:00 UTC.
    [Theory]
    [InlineData("2021-05-09T15:59:59Z", false)]
    [InlineData("2021-05-09T16:00:00Z", true)]
    [InlineData("2021-06-30T15:59:59Z", true)]
    [InlineData("2021-06-30T16:00:00Z", false)]
    public void T1_the_window_is_enforced_in_Asia_Shanghai(string utc, bool accepted)
    {
        var act = () => SubmitEntryDecision.Decide(Liaoning, Command(Video(), DateTimeOffset.Parse(utc)));
        if (accepted) Assert.IsType<EntrySubmitted>(act()[1]);
        else Assert.Equal("T1", Assert.Throws<RuleViolationException>(act).RuleId);
    }

    [Fact]
    public void C1_a_consent_record_with_its_text_version_comes_first()
    {
        var now = DateTimeOffset.Parse("2021-06-01T02:00:00Z");
        var events = SubmitEntryDecision.Decide(Liaoning, Command(Video(), now));

        var consent = Assert.IsType<ConsentGiven>(events[0]);
        Assert.Equal(("c1-v1", "worker-1", now), (consent.TextVersion, consent.GivenBy, consent.GivenAt));
        var submitted = Assert.IsType<EntrySubmitted>(events[1]);
        Assert.Equal(("yingkou", "individual"), (submitted.OrganizationId, submitted.Port));
    }

    [Theory]
    [InlineData(false, "c1-v1")]
    [InlineData(true, "")]
    public void C1_without_explicit_consent_nothing_is_submitted(bool accepted, string version) =>
        Assert.Equal("C1", Assert.Throws<RuleViolationException>(() =>
            SubmitEntryDecision.Decide(Liaoning, Command(Video(consent: new Consent(version, accepted)), DateTimeOffset.Parse("2021-06-01T02:00:00Z")))).RuleId);

    [Fact]
    public void O3_the_organization_port_is_for_that_organizations_administrator()
    {
        var now = DateTimeOffset.Parse("2021-06-01T02:00:00Z");
        var refused = Assert.Throws<RuleViolationException>(() => SubmitEntryDecision.Decide(Liaoning, Command(Video("organization"), now)));
        Assert.Equal(("O3", 403), (refused.RuleId, refused.Status));
        Assert.IsType<EntrySubmitted>(SubmitEntryDecision.Decide(Liaoning, Command(Video("organization"), now, admin: true))[1]);
    }

    [Fact]
    public void O3_an_entry_names_an_organization_of_the_campaign() =>
        Assert.Equal("O3", Assert.Throws<RuleViolationException>(() => SubmitEntryDecision.Decide(Liaoning,
            Command(Video() with { OrganizationId = "atlantis" }, DateTimeOffset.Parse("2021-06-01T02:00:00Z")))).RuleId);

    [Fact]
    public void V1_a_video_entry_needs_its_file() =>
        Assert.Equal("V1", Assert.Throws<RuleViolationException>(() => SubmitEntryDecision.Decide(Liaoning,
            Command(Video(), DateTimeOffset.Parse("2021-06-01T02:00:00Z")) with { Media = [] })).RuleId);

    [Fact]
    public void Q2_an_individual_entry_is_by_its_submitter_and_an_organizations_entry_names_its_authors()
    {
        Assert.Equal(["worker-1"], SubmitEntryDecision.MemberIds(Video(), "worker-1"));
        Assert.Equal(["a", "b"], SubmitEntryDecision.MemberIds(Video("organization") with { Members = [new("a", "甲"), new("b", "乙"), new("a", "甲")] }, "admin"));
        Assert.Equal("Q2", Assert.Throws<RuleViolationException>(() => SubmitEntryDecision.MemberIds(Video("organization"), "admin")).RuleId);
    }

    [Fact]
    public void S1_a_story_needs_its_text() =>
        Assert.Equal("S1", Assert.Throws<RuleViolationException>(() => SubmitEntryDecision.Decide(Liaoning,
            Command(Video() with { CategoryId = "story" }, DateTimeOffset.Parse("2021-05-10T02:00:00Z")))).RuleId);
}
