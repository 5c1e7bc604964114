using Campaign.Awards.Allocation;
using Campaign.Awards.Certificates;
using Campaign.Campaigns;
using Campaign.Contracts.Awards;
using static Campaign.Awards.Tests.CertificatesTestData;

namespace Campaign.Awards.Tests;

/// <summary>A3: which certificates a category issues, and what a re-allocation does to them (C1) — Given events / When / Then events.</summary>
public sealed class CertificatesIssuing
{
    private static readonly Guid[] E = [.. Enumerable.Range(0, 4).Select(_ => Guid.CreateVersion7())];

    private static object[] Listed() =>
    [
        Work(E[0], "shenyang", "钢铁脊梁", "王一"), Work(E[1], "dalian", "海港之夜", "刘二", "陈三"),
        Work(E[2], "anshan", "炉火", "赵四"), Work(E[3], "fushun", "矿山春晓"),
    ];

    [Fact]
    public void A3_an_organizer_asking_for_certificates_gets_one_per_winner_naming_the_authors_the_work_the_award_and_the_organizers()
    {
        var allocation = Allocated("liaoning-2021", "video", null,
            Result(E[0], "shenyang", 1, "first", "一等奖"), Result(E[1], "dalian", 2, "second", "二等奖"), Result(E[2], "anshan", 3, null));

        var events = CertificateIssuance.Request(Liaoning, Results([.. Listed(), allocation]), Base, "organizer-1", Now);

        var requested = Assert.IsType<CertificatesRequested>(events[0]);
        Assert.Equal((allocation.AllocationId, Base), (requested.AllocationId, requested.VerificationBase));
        var issued = events.Skip(1).Cast<CertificateIssued>().ToList();
        Assert.Equal([(E[0], "王一", "钢铁脊梁", "一等奖"), (E[1], "刘二、陈三", "海港之夜", "二等奖")], issued.Select(c => (c.EntryId, c.Recipient, c.Work, c.Award)));
        Assert.All(issued, c =>
        {
            Assert.Equal("获奖证书", c.Title);
            Assert.Equal(["辽宁省总工会", "中共辽宁省委网络安全和信息化委员会办公室"], c.Organizers);
            Assert.Equal("职工网络正能量微视频", c.CategoryName);
            Assert.Equal(new DateOnly(2021, 7, 30), c.IssuedOn); // 10:00 in Shanghai
            Assert.Equal($"{Base}/ui/verify/{c.Code}", c.VerificationUrl);
            Assert.Null(c.Supersedes);
        });
    }

    [Fact]
    public void A1_A3_a_collective_award_names_the_organization_and_an_individual_one_without_authors_names_it_too()
    {
        var allocation = Allocated("liaoning-2021", "video", null,
            Result(E[1], "dalian", 1, "unit", "优秀组织奖", AwardKinds.Collective), Result(E[3], "fushun", 2, "first", "一等奖"));

        var issued = CertificateIssuance.Request(Liaoning, Results([.. Listed(), allocation]), Base, "o", Now).OfType<CertificateIssued>().ToList();

        Assert.Equal([("大连市总工会", AwardKinds.Collective), ("抚顺市总工会", AwardKinds.Individual)], issued.Select(c => (c.Recipient, c.AwardKind)));
    }

    [Fact]
    public void A3_asking_again_issues_only_what_is_missing_and_nothing_when_nothing_is()
    {
        var allocation = Allocated("liaoning-2021", "video", null, Result(E[0], "shenyang", 1, "first", "一等奖"), Result(E[3], "fushun", 2, "first", "一等奖"));
        // E[3]'s details have not arrived: its certificate waits.
        var given = new List<object> { Listed()[0], allocation };
        var first = CertificateIssuance.Request(Liaoning, Results([.. given]), Base, "o", Now);
        Assert.Equal([E[0]], first.OfType<CertificateIssued>().Select(c => c.EntryId));
        Assert.Equal([E[3]], CertificateIssuance.Waiting(Results([.. given, .. first])));

        given.AddRange([.. first, Listed()[3]]);
        Assert.Equal([E[3]], CertificateIssuance.Request(Liaoning, Results([.. given]), Base, "o", Now).OfType<CertificateIssued>().Select(c => c.EntryId));
        given.AddRange(CertificateIssuance.Request(Liaoning, Results([.. given]), Base, "o", Now));
        Assert.Empty(CertificateIssuance.Request(Liaoning, Results([.. given]), Base, "o", Now));
    }

    [Fact]
    public void A3_certificates_are_refused_before_the_awards_are_allocated_and_in_a_campaign_that_issues_none()
    {
        var before = Assert.Throws<RuleViolationException>(() => CertificateIssuance.Request(Liaoning, Results(Listed()), Base, "o", Now));
        Assert.Equal(("A3", 409), (before.RuleId, before.Status));

        var allocation = Allocated("liaoning-2021", "video", null, Result(E[0], "shenyang", 1, "first", "一等奖"));
        var none = Assert.Throws<RuleViolationException>(() =>
            CertificateIssuance.Request(Liaoning with { Certificate = null }, Results([.. Listed(), allocation]), Base, "o", Now));
        Assert.Equal("A3", none.RuleId);
    }

    [Fact]
    public void C1_a_reallocation_supersedes_a_changed_certificate_by_a_new_one_withdraws_a_lost_award_keeps_an_unchanged_one_and_certifies_who_moved_up()
    {
        // gold 1, silver 2; E[0] is disqualified, everyone moves up and E[3] enters the awards.
        var first = Allocated("liaoning-2021", "video", null,
            Result(E[0], "shenyang", 1, "first", "一等奖"), Result(E[1], "dalian", 2, "second", "二等奖"),
            Result(E[2], "anshan", 3, "second", "二等奖"), Result(E[3], "fushun", 4, null));
        var history = new List<object>([.. Listed(), first]);
        history.AddRange(CertificateIssuance.Request(Liaoning, Results([.. history]), Base, "o", Now));
        var old = Results([.. history]).Certificates.Issued.ToDictionary(c => c.EntryId);
        var second = Allocated("liaoning-2021", "video", first.AllocationId,
            Result(E[1], "dalian", 1, "first", "一等奖"), Result(E[2], "anshan", 2, "second", "二等奖"), Result(E[3], "fushun", 3, "second", "二等奖"));
        var later = Now.AddDays(3);

        var events = CertificateIssuance.Reissue(Liaoning, Results([.. history, second]), later);

        var issued = events.OfType<CertificateIssued>().ToList();
        var superseded = events.OfType<CertificateSuperseded>().ToList();
        var reissued = Assert.Single(issued, c => c.EntryId == E[1]);
        Assert.Equal(("一等奖", old[E[1]].Code, second.AllocationId, CertificateIssuance.Reissuer), (reissued.Award, reissued.Supersedes, reissued.AllocationId, reissued.IssuedBy));
        Assert.NotEqual(old[E[1]].Code, reissued.Code);
        Assert.Contains(new CertificateSuperseded(old[E[1]].Code, E[1], second.AllocationId, reissued.Code, later), superseded);
        Assert.Contains(new CertificateSuperseded(old[E[0]].Code, E[0], second.AllocationId, null, later), superseded);
        Assert.DoesNotContain(events, e => e is CertificateIssued { EntryId: var id } && id == E[2] || e is CertificateSuperseded { EntryId: var s } && s == E[2]);
        Assert.Equal(Base, new Uri(Assert.Single(issued, c => c.EntryId == E[3] && c.Supersedes is null).VerificationUrl).GetLeftPart(UriPartial.Authority));
        Assert.Equal(2, superseded.Count);

        var after = Results([.. history, second, .. events]).Certificates;
        Assert.Equal([E[2], E[1], E[3]], after.Valid.Select(c => c.EntryId));
    }

    [Fact]
    public void C1_a_reallocation_issues_nothing_in_a_category_whose_certificates_were_never_asked_for()
    {
        var first = Allocated("liaoning-2021", "video", null, Result(E[0], "shenyang", 1, "first", "一等奖"));
        var second = Allocated("liaoning-2021", "video", first.AllocationId, Result(E[1], "dalian", 1, "first", "一等奖"));
        Assert.Empty(CertificateIssuance.Reissue(Liaoning, Results([.. Listed(), first, second]), Now));
    }

    [Fact]
    public void A3_the_verification_code_is_a_function_of_the_record_and_reads_back_however_it_is_typed()
    {
        var (entry, allocation) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var code = CertificateIssuance.Code("liaoning-2021", "video", entry, allocation);

        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", code);
        Assert.Equal(code, CertificateIssuance.Code("liaoning-2021", "video", entry, allocation));
        Assert.NotEqual(code, CertificateIssuance.Code("liaoning-2021", "video", entry, Guid.CreateVersion7()));
        Assert.Equal(code, CertificateIssuance.Normalize($" {code.Replace("-", "").ToLowerInvariant().Replace('0', 'o').Replace('1', 'l')} "));
        Assert.Null(CertificateIssuance.Normalize("ABCD-EFGH-IJK"));
    }

    [Fact]
    public void A3_a_campaign_whose_certificate_names_no_organizer_is_refused_and_the_default_campaign_names_the_notices_organizers()
    {
        var errors = CampaignValidator.Validate(Liaoning with { Certificate = new CertificateSettings("获奖证书", []) });
        Assert.Contains(errors, e => e.Contains("certificate.organizers") && e.Contains("A3"));
        Assert.Contains(CampaignValidator.Validate(Liaoning with { Certificate = new CertificateSettings(" ", ["省总工会"]) }), e => e.Contains("certificate.title"));
        Assert.Empty(CampaignValidator.Validate(Liaoning));
        Assert.Equal("获奖证书", Liaoning.Certificate!.Title);
        Assert.Equal(["辽宁省总工会", "中共辽宁省委网络安全和信息化委员会办公室"], Liaoning.Certificate.Organizers);
    }
}
