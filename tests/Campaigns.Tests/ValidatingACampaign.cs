using Campaign.Campaigns;

namespace Campaign.Campaigns.Tests;

public sealed class ValidatingACampaign
{
    private static readonly CampaignDefinition Good = CampaignCatalog.LoadDefault();

    private static string SingleError(CampaignDefinition c) => Assert.Single(CampaignValidator.Validate(c));

    private static CampaignDefinition WithCategory(string id, Func<Category, Category> change) =>
        Good with { Categories = Good.Categories.Select(c => c.Id == id ? change(c) : c).ToList() };

    [Fact]
    public void Q3_quotas_that_do_not_sum_to_the_total_name_the_field()
    {
        var bad = WithCategory("story", c => c with { Quotas = c.Quotas! with { Total = 99 } });
        var error = SingleError(bad);
        Assert.Contains("categories[story].quotas", error);
        Assert.Contains("Q3", error);
    }

    [Fact]
    public void J1_a_panel_whose_minimum_exceeds_its_maximum_names_the_field() =>
        Assert.Contains("categories[video].panel", SingleError(WithCategory("video", c => c with { Panel = new PanelRules(8, 7) })));

    [Fact]
    public void J3_weights_that_do_not_sum_to_one_name_the_field() =>
        Assert.Contains("scoring", SingleError(Good with { Scoring = Good.Scoring with { EngagementWeight = 0.4m } }));

    [Fact]
    public void A2_a_cap_above_one_names_the_field() =>
        Assert.Contains("categories[video].awards.hostRegionCap",
            SingleError(WithCategory("video", c => c with { Awards = c.Awards with { HostRegionCap = 1.4m } })));

    [Fact]
    public void A2_a_host_region_no_organization_has_names_the_field() =>
        Assert.Contains("categories[video].hostRegion", SingleError(WithCategory("video", c => c with { HostRegion = "atlantis" })));

    [Fact]
    public void T1_a_window_that_closes_before_it_opens_names_the_field() =>
        Assert.Contains("categories[video].submissions",
            SingleError(WithCategory("video", c => c with { Submissions = new Window(c.Submissions.Closes, c.Submissions.Opens) })));

    [Fact]
    public void T1_an_unknown_time_zone_names_the_field() =>
        Assert.Contains("timeZone", SingleError(Good with { TimeZone = "Mars/Olympus_Mons" }));

    [Fact]
    public void P1_a_platform_the_campaign_does_not_define_names_the_field() =>
        Assert.Contains("categories[story].platforms.tiktok", SingleError(WithCategory("story", c => c with { Platforms = ["tiktok"] })));

    [Fact]
    public void A_catalog_refuses_to_start_with_an_invalid_campaign_and_lists_every_problem()
    {
        var bad = Good with { TimeZone = "nowhere", Scoring = Good.Scoring with { JudgesWeight = 2 } };
        var e = Assert.Throws<InvalidCampaignException>(() => new CampaignCatalog([bad]));
        Assert.Equal(2, e.Errors.Count);
    }

    [Fact]
    public void A_misspelt_field_in_a_campaign_file_is_refused_with_its_path()
    {
        var e = Assert.Throws<InvalidCampaignException>(() => CampaignCatalog.Parse("""{ "id": "x", "nmae": "typo" }""", "typo.json"));
        Assert.Contains("typo.json", e.Errors[0]);
    }

    [Fact]
    public void Two_campaigns_run_side_by_side_and_differ_in_every_number()
    {
        var catalog = CampaignCatalog.Load(Path.Combine(AppContext.BaseDirectory, "campaigns"));
        var second = catalog.Find("test-2026")!;

        Assert.True(catalog.All.Count >= 2);
        Assert.NotNull(catalog.Find("liaoning-2021"));
        Assert.NotEqual(Good.TimeZone, second.TimeZone);
        Assert.NotEqual(Good.Scoring.JudgesWeight, second.Scoring.JudgesWeight);
        Assert.NotEqual(Good.FindCategory("story")!.Quotas!.Total, second.FindCategory("story")!.Quotas!.Total);
        Assert.NotEqual(Good.FindCategory("video")!.Awards.HostRegionCap, second.FindCategory("clip")!.Awards.HostRegionCap);
    }
}
