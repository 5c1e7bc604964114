using Campaign.Campaigns;

namespace Campaign.Submission;

/// <summary>
/// T1: the category's window, in the campaign's time zone, by the server clock. Checked where a file
/// is first uploaded, where an entry is submitted and where its files are replaced; it stands apart
/// from both so that entries may use uploads without uploads reaching back into entries.
/// </summary>
public static class SubmissionWindow
{
    public static void Check(CampaignDefinition campaign, Category category, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, campaign.Zone).DateTime;
        if (!category.Submissions.Contains(local))
            throw new RuleViolationException("T1",
                $"{category.Name}的申报时间为{category.Submissions.Opens:yyyy-MM-dd HH:mm}至{category.Submissions.Closes:yyyy-MM-dd HH:mm}（{campaign.TimeZone}），现在是{local:yyyy-MM-dd HH:mm}。",
                $"{category.Name} accepts entries from {category.Submissions.Opens:yyyy-MM-dd HH:mm} to {category.Submissions.Closes:yyyy-MM-dd HH:mm} ({campaign.TimeZone}); it is now {local:yyyy-MM-dd HH:mm}.");
    }
}
