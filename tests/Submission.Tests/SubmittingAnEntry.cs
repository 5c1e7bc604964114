using Campaign.Campaigns;
using Campaign.Contracts.Submission;
using Campaign.Submission.Entries;
using Campaign.Submission.Entries.ConfirmingEntry;
using Campaign.Submission.Entries.SubmittingEntry;

namespace Campaign.Submission.Tests;

public sealed class SubmittingAnEntry
{
    private static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    private static readonly DateTimeOffset June = DateTimeOffset.Parse("2021-06-01T02:00:00Z");

    /// <summary>worker-1, whose token verifies that they belong to Yingkou's union (O3).</summary>
    private static readonly Submitter Worker = new("worker-1", false, "yingkou");

    private static SubmitEntry Video(string port = "individual", Consent? consent = null, DateTimeOffset? now = null, Submitter? by = null,
        IReadOnlyList<Member>? members = null) =>
        new(Guid.NewGuid(), "liaoning-2021", "video", "奋斗者", "yingkou", port, consent ?? new Consent("c1-v1", true), null, members ?? [],
            [new MediaReference(MediaRoles.Work, new string('a', 64), 1000, "work.mp4")], by ?? Worker, now ?? June);

    // Beijing time is UTC+8: the window opens 2021-05-10 00:00 local = 2021-05-09 16:00 UTC.
    [Theory]
    [InlineData("2021-05-09T15:59:59Z", false)]
    [InlineData("2021-05-09T16:00:00Z", true)]
    [InlineData("2021-06-30T15:59:59Z", true)]
    [InlineData("2021-06-30T16:00:00Z", false)]
    public void T1_the_window_is_enforced_in_Asia_Shanghai(string utc, bool accepted)
    {
        var act = () => SubmitEntryDecision.Decide(Liaoning, Video(now: DateTimeOffset.Parse(utc)));
        if (accepted) Assert.IsType<EntrySubmitted>(act().Events[1]);
        else Assert.Equal("T1", Assert.Throws<RuleViolationException>(act).RuleId);
    }

    [Fact]
    public void C1_a_consent_record_with_its_text_version_comes_first()
    {
        var events = SubmitEntryDecision.Decide(Liaoning, Video()).Events;

        var consent = Assert.IsType<ConsentGiven>(events[0]);
        Assert.Equal(("c1-v1", "worker-1", June), (consent.TextVersion, consent.GivenBy, consent.GivenAt));
        var submitted = Assert.IsType<EntrySubmitted>(events[1]);
        Assert.Equal(("yingkou", "individual"), (submitted.OrganizationId, submitted.Port));
    }

    [Theory]
    [InlineData(false, "c1-v1")]
    [InlineData(true, "")]
    public void C1_without_explicit_consent_nothing_is_submitted(bool accepted, string version) =>
        Assert.Equal("C1", Assert.Throws<RuleViolationException>(() =>
            SubmitEntryDecision.Decide(Liaoning, Video(consent: new Consent(version, accepted)))).RuleId);

    [Fact]
    public void O3_the_organization_port_is_for_that_organizations_administrator()
    {
        var refused = Assert.Throws<RuleViolationException>(() => SubmitEntryDecision.Decide(Liaoning, Video("organization", members: [new("a", "甲")])));
        Assert.Equal(("O3", 403), (refused.RuleId, refused.Status));
        var admin = new Submitter("admin-yingkou", true, null);
        Assert.IsType<EntrySubmitted>(SubmitEntryDecision.Decide(Liaoning, Video("organization", by: admin, members: [new("a", "甲")])).Events[1]);
    }

    [Fact]
    public void O3_an_entry_names_an_organization_of_the_campaign() =>
        Assert.Equal("O3", Assert.Throws<RuleViolationException>(() => SubmitEntryDecision.Decide(Liaoning,
            Video() with { OrganizationId = "atlantis" })).RuleId);

    [Fact]
    public void An_unknown_category_is_a_bad_field_not_a_rule() =>
        Assert.Equal("categoryId", Assert.Throws<InvalidInputException>(() => SubmitEntryDecision.Decide(Liaoning, Video() with { CategoryId = "poem" })).Field);

    [Fact]
    public void V1_a_video_entry_needs_its_file() =>
        Assert.Equal("V1", Assert.Throws<RuleViolationException>(() => SubmitEntryDecision.Decide(Liaoning, Video() with { Media = [] })).RuleId);

    [Fact]
    public void Q2_an_individual_entry_is_by_its_submitter_and_an_organizations_entry_names_its_authors()
    {
        Assert.Equal(["worker-1"], SubmitEntryDecision.MemberIds(Video()));
        var admin = new Submitter("admin-yingkou", true, null);
        Assert.Equal(["a", "b"], SubmitEntryDecision.MemberIds(Video("organization", by: admin, members: [new("a", "甲"), new("b", "乙"), new("a", "甲")])));
        Assert.Equal("Q2", Assert.Throws<RuleViolationException>(() => SubmitEntryDecision.MemberIds(Video("organization", by: admin))).RuleId);
    }

    [Fact]
    public void Q2_on_the_individual_port_the_caller_is_always_a_member_and_named_members_are_awaited_not_taken()
    {
        // Made-up member ids used to replace the caller: the caller stays in the entry, the others must confirm themselves.
        var decided = SubmitEntryDecision.Decide(Liaoning, Video(members: [new("made-up-1", "甲"), new("made-up-2", "乙")]));

        var held = Assert.IsType<EntryHeld>(decided.Events[1]);
        Assert.Equal(["worker-1", "made-up-1", "made-up-2"], held.Members);
        Assert.Equal(["made-up-1", "made-up-2"], held.AwaitingMembers);
        Assert.Equal(["user:worker-1"], decided.PersonPlaces);
        Assert.True(decided.TakesQuotaPlace); // Q3: the token verifies the affiliation, so the organization's place is taken now
        Assert.DoesNotContain(decided.Events, e => e is EntrySubmitted);
    }

    [Fact]
    public void Q2_a_group_names_at_most_the_categorys_number_of_people()
    {
        var admin = new Submitter("admin-yingkou", true, null);
        Member[] Group(int n) => [.. Enumerable.Range(0, n).Select(i => new Member($"m{i}", $"成员{i}"))];
        var most = Liaoning.FindCategory("video")!.MaxMembers;

        Assert.Equal(most, SubmitEntryDecision.Decide(Liaoning, Video("organization", by: admin, members: Group(most))).PersonPlaces.Count);
        var tooMany = Assert.Throws<RuleViolationException>(() => SubmitEntryDecision.Decide(Liaoning, Video("organization", by: admin, members: Group(most + 1))));
        Assert.Equal("Q2", tooMany.RuleId);
    }

    [Fact]
    public void Q2_the_organization_ports_person_ids_live_in_that_organizations_namespace() =>
        Assert.NotEqual(Places.Person(SubmissionPorts.Organization, "dalian", "worker-7"), Places.Person(SubmissionPorts.Individual, "dalian", "worker-7"));

    [Fact]
    public void Q3_an_affiliation_the_token_does_not_verify_waits_for_the_organization_and_takes_no_quota_place()
    {
        var decided = SubmitEntryDecision.Decide(Liaoning, Video(by: new Submitter("worker-1", false, null)));
        var held = Assert.IsType<EntryHeld>(decided.Events[1]);
        Assert.True(held.AwaitingAffiliation);
        Assert.Empty(held.AwaitingMembers);
        Assert.False(decided.TakesQuotaPlace);

        var otherCity = SubmitEntryDecision.Decide(Liaoning, Video(by: new Submitter("worker-1", false, "dalian")));
        Assert.True(Assert.IsType<EntryHeld>(otherCity.Events[1]).AwaitingAffiliation);

        var verified = SubmitEntryDecision.Decide(Liaoning, Video());
        Assert.True(verified.TakesQuotaPlace);
        Assert.IsType<EntrySubmitted>(verified.Events[1]);
    }

    [Fact]
    public void A3_the_submission_names_its_authors_for_the_certificate_the_individual_submitter_first_by_the_tokens_name()
    {
        var by = new Submitter("worker-1", false, "yingkou", "王五");
        var alone = (EntrySubmitted)SubmitEntryDecision.Decide(Liaoning, Video(by: by)).Events[1];
        Assert.Equal(["王五"], alone.Authors);

        var group = SubmitEntryDecision.Authors(Video(by: by, members: [new("worker-2", " 乙 "), new("worker-1", "王五")]));
        Assert.Equal(["乙", "王五"], group);

        var organization = SubmitEntryDecision.Authors(Video(port: "organization", by: new Submitter("admin-yingkou", true, null, "管理员"),
            members: [new("staff-1", "张三")]));
        Assert.Equal(["张三"], organization);
    }

    [Fact]
    public void O3_a_held_entry_is_submitted_by_the_last_confirmation_as_it_was_held()
    {
        var decided = SubmitEntryDecision.Decide(Liaoning, Video(by: new Submitter("worker-1", false, null), members: [new("worker-2", "乙")]));
        var held = (EntryHeld)decided.Events[1];
        var entry = Entry.Create(held);
        Assert.Equal(EntryStatus.Held, entry.Status);

        Assert.Equal("Q2", Assert.Throws<RuleViolationException>(() => ConfirmEntryDecision.ConfirmMember(entry, "worker-3", June)).RuleId);
        var confirmed = ConfirmEntryDecision.ConfirmMember(entry, "worker-2", June.AddDays(1));
        Assert.IsType<MemberConfirmed>(Assert.Single(confirmed));
        entry = entry.Apply((MemberConfirmed)confirmed[0]);
        Assert.Equal("O3", Assert.Throws<RuleViolationException>(() =>
            ConfirmEntryDecision.DecideAffiliation(entry, false, null, "admin-yingkou", June)).RuleId); // a refusal says why

        var last = ConfirmEntryDecision.DecideAffiliation(entry, true, null, "admin-yingkou", June.AddDays(2));
        Assert.IsType<AffiliationConfirmed>(last[0]);
        Assert.Equal(held.Draft, Assert.IsType<EntrySubmitted>(last[1]));
        entry = entry.Apply((AffiliationConfirmed)last[0]).Apply((EntrySubmitted)last[1]);
        Assert.Equal(EntryStatus.Submitted, entry.Status);
        Assert.Equal("O3", Assert.Throws<RuleViolationException>(() =>
            ConfirmEntryDecision.DecideAffiliation(entry, true, null, "admin-yingkou", June)).RuleId);
    }

    [Fact]
    public void O3_a_declined_affiliation_ends_the_entry()
    {
        var held = (EntryHeld)SubmitEntryDecision.Decide(Liaoning, Video(by: new Submitter("worker-1", false, null))).Events[1];
        var declined = Assert.IsType<AffiliationDeclined>(Assert.Single(
            ConfirmEntryDecision.DecideAffiliation(Entry.Create(held), false, "不是本单位职工", "admin-yingkou", June)));
        var entry = Entry.Create(held).Apply(declined);
        Assert.Equal(EntryStatus.Declined, entry.Status);
        Assert.True(entry.IsClosed);
    }

    [Fact]
    public void S1_a_story_needs_its_text() =>
        Assert.Equal("S1", Assert.Throws<RuleViolationException>(() => SubmitEntryDecision.Decide(Liaoning,
            Video(now: DateTimeOffset.Parse("2021-05-10T02:00:00Z")) with { CategoryId = "story", OrganizationId = "dalian", By = new("worker-1", false, "dalian") })).RuleId);

    [Fact]
    public void Titles_are_normalized_and_spoofing_characters_never_stored()
    {
        var title = ((EntrySubmitted)SubmitEntryDecision.Decide(Liaoning, Video() with { Title = "  奋\u200B斗者\uFEFF " }).Events[1]).Title;
        Assert.Equal("奋斗者", title);
        Assert.Equal("title", Assert.Throws<InvalidInputException>(() => SubmitEntryDecision.Decide(Liaoning, Video() with { Title = "奋斗者\u202Egpj.exe" })).Field);
        Assert.Equal("title", Assert.Throws<InvalidInputException>(() => SubmitEntryDecision.Decide(Liaoning, Video() with { Title = new string('长', 101) })).Field);
        Assert.Equal("title", Assert.Throws<InvalidInputException>(() => SubmitEntryDecision.Decide(Liaoning, Video() with { Title = " \u200B " })).Field);
    }
}
