using Campaign.Campaigns;
using Campaign.Contracts.MediaCheck;
using Campaign.MediaCheck.Checks;
using Campaign.MediaCheck.Stories;

namespace Campaign.MediaCheck.Tests;

/// <summary>S1: 字数 as Chinese word processors count them.</summary>
public sealed class CountingAStory
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("   \t\n", 0)]
    [InlineData("劳模", 2)]
    [InlineData("劳模，精神！", 6)]                 // full-width punctuation counts
    [InlineData("劳 模\u3000精神", 4)]             // half- and full-width spaces count nothing
    [InlineData("“劳模”——精神……", 10)]           // Chinese quotes, dashes and ellipses count
    [InlineData("CCTV", 1)]                        // a Latin run is one
    [InlineData("5G网络", 3)]                      // a digit run is one, then two characters
    [InlineData("2021年5月", 4)]
    [InlineData("3.14", 1)]                        // half-width marks inside a run stay in it
    [InlineData("e-mail, Wi-Fi", 2)]
    [InlineData("hello , world", 2)]               // a stand-alone half-width comma counts nothing
    [InlineData("ＡＢＣ１２３", 6)]                 // full-width letters and digits count one each
    [InlineData("我在ABC公司工作30年。", 10)]
    [InlineData("𠀀𠀁", 2)]                          // CJK extension B (surrogate pairs) counts one each
    public void S1_counts(string text, int expected) => Assert.Equal(expected, StoryLength.Count(text));

    private static readonly StoryRules Story = CampaignCatalog.LoadDefault().FindCategory("story")!.Story!;

    [Theory]
    [InlineData(549, FindingStatus.Fail)]
    [InlineData(550, FindingStatus.Pass)]
    [InlineData(650, FindingStatus.Pass)]
    [InlineData(651, FindingStatus.Fail)]
    public void S1_a_story_of_550_to_650_characters_passes(int characters, FindingStatus status)
    {
        var finding = Assert.Single(MediaChecker.StoryFindings(Story, new string('字', characters)));
        Assert.Equal(("S1", characters.ToString(), "550–650", status), (finding.RuleId, finding.Measured, finding.Limit, finding.Status));
    }

    [Fact]
    public void The_verdict_is_failed_if_any_finding_fails_else_needs_review_if_any_does()
    {
        Finding F(FindingStatus s) => new("X", s, null, null, "");
        Assert.Equal(Verdict.Failed, MediaCheckDecision.VerdictOf([F(FindingStatus.Pass), F(FindingStatus.NeedsReview), F(FindingStatus.Fail)]));
        Assert.Equal(Verdict.NeedsReview, MediaCheckDecision.VerdictOf([F(FindingStatus.Pass), F(FindingStatus.NeedsReview)]));
        Assert.Equal(Verdict.Passed, MediaCheckDecision.VerdictOf([F(FindingStatus.Pass)]));
    }
}
