using System.Security.Cryptography;
using System.Text;
using Campaign.Campaigns;
using Campaign.Contracts.Submission;

namespace Campaign.Submission.Rosters;

/// <summary>S3: the city union's draft of its roster; any change clears earlier approvals.</summary>
public sealed record RosterSubmitted(string CampaignId, string OrganizationId, IReadOnlyList<RosterRow> Rows, string ContactPerson, string ContactPhone,
    string SubmittedBy, DateTimeOffset SubmittedAt);

/// <summary>S3: one of the two parties (盖章) approved the current draft.</summary>
public sealed record RosterSigned(string Party, string SignedBy, DateTimeOffset SignedAt);

public sealed record Roster(string CampaignId, string OrganizationId, IReadOnlyList<RosterRow> Rows, string ContactPerson, string ContactPhone,
    IReadOnlyList<string> SignedBy, bool Approved)
{
    public const string Union = "city-union";
    public const string CyberspaceOffice = "city-cac";

    /// <summary>
    /// One stream per city and campaign. The id is the MD5 of "campaign/roster/city", as rosters were
    /// first stored: changing it would leave every stored roster unreadable.
    /// </summary>
    public static Guid StreamId(string campaignId, string city) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"{campaignId}/roster/{city}")));

    public static Roster Create(RosterSubmitted e) => new(e.CampaignId, e.OrganizationId, e.Rows, e.ContactPerson, e.ContactPhone, [], false);
    public Roster Apply(RosterSubmitted e) => Create(e);
    public Roster Apply(RosterSigned e) => this with { SignedBy = [.. SignedBy.Union([e.Party])] };
    public Roster Apply(RosterApproved _) => this with { Approved = true };
}

public static class RosterDeadline
{
    /// <summary>S3, T1: the campaign's story category, whose rosters are still open at <paramref name="now"/> (in the campaign's zone).</summary>
    public static Category Check(CampaignDefinition campaign, DateTimeOffset now)
    {
        var story = campaign.Categories.FirstOrDefault(c => c.Kind == "story")
            ?? throw new RuleViolationException("S3", $"活动{campaign.Id}没有劳模故事子项目。", $"Campaign {campaign.Id} has no story category.", 404);
        if (story.Story!.RosterDue is { } due && TimeZoneInfo.ConvertTime(now, campaign.Zone).DateTime > due)
            throw new RuleViolationException("T1", $"名单报送截止时间为{due:yyyy-MM-dd HH:mm}（{campaign.TimeZone}）。", $"Rosters were due by {due:yyyy-MM-dd HH:mm} ({campaign.TimeZone}).");
        return story;
    }
}
