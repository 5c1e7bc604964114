using Campaign.Campaigns;

namespace Campaign.Campaigns.Tests;

/// <summary>The campaign of <c>scripts/run.sh --demo</c>: loaded from its own folder beside an operator's, open now.</summary>
public sealed class TheDemoCampaign
{
    private static readonly string Demo = Path.Combine(AppContext.BaseDirectory, "demo");
    private static readonly string Tests = Path.Combine(AppContext.BaseDirectory, "campaigns");

    [Fact]
    public void Given_two_folders_joined_by_the_path_separator_When_the_catalog_loads_Then_it_holds_the_campaigns_of_both_and_the_default()
    {
        var catalog = CampaignCatalog.Load(Tests + Path.PathSeparator + Demo);

        Assert.NotNull(catalog.Find("liaoning-2021"));
        Assert.NotNull(catalog.Find("test-2026"));
        Assert.NotNull(catalog.Find("demo-2026"));
    }

    [Fact]
    public void The_demo_campaign_is_valid_has_the_three_kinds_and_takes_entries_today()
    {
        var demo = CampaignCatalog.Load(Demo, includeDefault: false).Find("demo-2026")!;
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(demo.TimeZone)).DateTime;

        Assert.Equal([CategoryKinds.Video, CategoryKinds.Recitation, CategoryKinds.Story], demo.Categories.Select(c => c.Kind));
        Assert.All(demo.Categories, c => Assert.InRange(today, c.Submissions.Opens, c.Submissions.Closes));
    }
}
