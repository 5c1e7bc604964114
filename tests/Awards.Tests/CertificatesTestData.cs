using Campaign.Awards.Allocation;
using Campaign.Campaigns;
using Campaign.Contracts.Awards;

namespace Campaign.Awards.Tests;

/// <summary>Categories with an allocation in force and their works listed, for the certificates' tests.</summary>
public static class CertificatesTestData
{
    public static readonly CampaignDefinition Liaoning = CampaignCatalog.LoadDefault();
    public static readonly DateTimeOffset Now = new(2021, 7, 30, 2, 0, 0, TimeSpan.Zero);
    public const string Base = "https://awards.example.org";

    public static EntryListed Work(Guid id, string organization, string title, params string[] authors) =>
        new(id, organization, title, SubmissionPorts.Individual, authors, Now.AddDays(-60));

    public static AwardResult Result(Guid id, string organization, int rank, string? tier, string? tierName = null, string kind = AwardKinds.Individual) =>
        new(id, organization, organization, 90 - rank, 50, 80 - rank, rank, tier, tierName ?? tier, null, false, tier is null ? null : kind);

    public static AwardsAllocated Allocated(string campaignId, string categoryId, Guid? supersedes, params AwardResult[] results) =>
        new(Guid.CreateVersion7(), campaignId, categoryId, 0.7m, 0.3m, null, 1m, results, Now, supersedes);

    public static CategoryResults Results(IEnumerable<object> events) => CategoryResults.From(events);
}
