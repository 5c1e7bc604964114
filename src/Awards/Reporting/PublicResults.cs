using Campaign.Awards.Allocation;
using Campaign.Campaigns;

namespace Campaign.Awards.Reporting;

/// <summary>A winner as the announcement shows them: the work, who it names (the people of an
/// individual award, the organization of a collective one), the award and the final score.</summary>
public sealed record PublicWinner(int Rank, string? Title, IReadOnlyList<string> Names, string Organization, string? TierName, string? TierKind, decimal FinalScore);

/// <summary>
/// The public announcement (公示) of a category: what may be published — the winners with their
/// works, organizations, awards and final scores, the cap's statement, the rules of ties and
/// rounding, and the seal's digest, against which anyone holding the exported record can check
/// it. No judge, no score of a judge, no work that did not win.
/// </summary>
public sealed record PublicResults(string CampaignName, string CategoryName, DateTimeOffset AllocatedAt, IReadOnlyList<PublicWinner> Winners,
    string CapStatement, string TieBreak, string Rounding, string? SealDigest)
{
    public static PublicResults? Of(CampaignDefinition campaign, CategoryResults results, bool english)
    {
        if (ResultsTable.Of(campaign, results) is not { } table) return null;
        var winners = table.Rows.Where(r => r.TierId is not null).Select(r => new PublicWinner(r.Rank, r.Title,
            r.TierKind == Campaign.Campaigns.AwardKinds.Collective ? [r.OrganizationName] : r.Authors, r.OrganizationName, r.TierName, r.TierKind, r.FinalScore));
        return new PublicResults(campaign.Name, table.CategoryName, table.AllocatedAt, [.. winners],
            CapExplained.Of(results.Allocated!, campaign.FindCategory(table.CategoryId)?.Awards, english).Statement,
            english ? ResultsTable.TieBreak.English : ResultsTable.TieBreak.Chinese,
            english ? ResultsTable.Rounding.English : ResultsTable.Rounding.Chinese, table.SealDigest);
    }
}
