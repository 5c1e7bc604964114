using Campaign.Campaigns;

namespace Campaign.Campaigns.Tests;

/// <summary>The 2021 Liaoning notice, as configuration: each rule's numbers are in the file.</summary>
public sealed class TheDefaultCampaign
{
    private readonly CampaignDefinition _c = CampaignCatalog.LoadDefault();

    [Fact]
    public void It_is_valid() => Assert.Empty(CampaignValidator.Validate(_c));

    [Fact]
    public void O1_O2_fourteen_city_unions_the_demonstration_zone_and_industry_unions()
    {
        Assert.Equal(14, _c.Organizations.Count(o => o.Kind == OrganizationKinds.City));
        Assert.Single(_c.Organizations, o => o.Kind == OrganizationKinds.Zone && o.Name == "沈抚示范区工会");
        Assert.True(_c.Organizations.Count(o => o.Kind == OrganizationKinds.Industry) >= 2);
        Assert.All(_c.Organizations.Where(o => o.Kind == OrganizationKinds.Industry), o => Assert.Null(o.Region));
    }

    [Fact]
    public void O3_both_ports_are_open() =>
        Assert.Equal([SubmissionPorts.Organization, SubmissionPorts.Individual], _c.Ports);

    [Theory]
    [InlineData("video", "yingkou")]
    [InlineData("recitation", "fuxin")]
    [InlineData("story", null)]
    public void Categories_and_their_host_regions(string category, string? host) =>
        Assert.Equal(host, _c.FindCategory(category)!.HostRegion);

    [Fact]
    public void Q1_minimums_are_20_per_city_and_5_for_the_zone_and_industry_unions()
    {
        foreach (var id in new[] { "video", "recitation" })
            Assert.Equal(new Dictionary<string, int> { ["city"] = 20, ["zone"] = 5, ["industry"] = 5 }, _c.FindCategory(id)!.Minimums);
    }

    [Fact]
    public void Q2_one_entry_per_person_per_category() => Assert.All(_c.Categories, c => Assert.Equal(1, c.MaxEntriesPerPerson));

    [Fact]
    public void Q3_story_quotas_per_city_sum_to_100()
    {
        var quotas = _c.FindCategory("story")!.Quotas!;
        Assert.Equal(100, quotas.Total);
        Assert.Equal(100, quotas.PerOrganization.Values.Sum());
        Assert.Equal(11, quotas.PerOrganization["shenyang"]);
        Assert.Equal(11, quotas.PerOrganization["dalian"]);
        Assert.Equal(8, quotas.PerOrganization["benxi"]);
        Assert.Equal(6, quotas.PerOrganization["huludao"]);
    }

    [Fact]
    public void T1_windows_in_Asia_Shanghai()
    {
        Assert.Equal("Asia/Shanghai", _c.TimeZone);
        // Registration opens on 6 May: the story category (rosters and stories) opens then.
        Assert.Equal(new DateTime(2021, 5, 6), _c.FindCategory("story")!.Submissions.Opens);
        Assert.Equal(new Window(new DateTime(2021, 5, 10), new DateTime(2021, 6, 30, 23, 59, 59)), _c.FindCategory("video")!.Submissions);
        Assert.Equal(new DateTime(2021, 5, 20, 23, 59, 59), _c.FindCategory("story")!.Story!.RosterDue);
    }

    [Fact]
    public void V1_to_V3_and_R1_to_R3_media_limits()
    {
        var video = _c.FindCategory("video")!.Media!;
        Assert.Equal(["mp4"], video.Containers);
        Assert.Equal(180, video.MaxDurationSeconds);
        Assert.Equal(300L * 1024 * 1024, video.MaxSizeBytes);
        var recitation = _c.FindCategory("recitation")!.Media!;
        Assert.Equal(["mp4", "mov", "mkv"], recitation.Containers);
        Assert.Equal((180, 360), (recitation.MinDurationSeconds, recitation.MaxDurationSeconds));
    }

    [Fact]
    public void S1_stories_have_550_to_650_characters()
    {
        var story = _c.FindCategory("story")!.Story!;
        Assert.Equal((550, 650), (story.MinCharacters, story.MaxCharacters));
    }

    [Fact]
    public void J1_to_J3_E1_A2_A5_scoring_and_awards()
    {
        Assert.All(_c.Categories, c => Assert.Equal(new PanelRules(5, 7), c.Panel));
        Assert.Equal((0.7m, 0.3m), (_c.Scoring.JudgesWeight, _c.Scoring.EngagementWeight));
        Assert.Equal((0m, 100m, "mean"), (_c.Scoring.MinScore, _c.Scoring.MaxScore, _c.Scoring.JudgesAggregate));
        Assert.Contains("likes", _c.Engagement.Weights.Keys);
        Assert.Equal(0.4m, _c.FindCategory("video")!.Awards.HostRegionCap);
        Assert.Equal(0.4m, _c.FindCategory("recitation")!.Awards.HostRegionCap);
        Assert.Equal("优秀组织单位", _c.OrganizationAwards!.Name);
    }

    [Fact]
    public void P1_videos_are_also_published_on_Yingkous_Douyin_and_recitations_on_Fuxins_accounts()
    {
        Assert.Contains("yingkou-douyin", _c.FindCategory("video")!.Platforms);
        Assert.Equal(["fuxin-douyin", "fuxin-wechat"], _c.FindCategory("recitation")!.Platforms.Where(p => p.StartsWith("fuxin")));
    }
}
